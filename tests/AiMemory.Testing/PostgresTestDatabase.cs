using Xunit;
using Npgsql;

namespace AiMemory.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class, created on the server named by the
/// <c>AIMEMORY_TEST_POSTGRES</c> environment variable and dropped afterwards. scripts/test.sh starts a
/// throwaway server and sets the variable. Without it the tests fail: a backend is never skipped silently.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    /// <summary>The environment variable that holds the server's Npgsql connection string.</summary>
    public const string VariableName = "AIMEMORY_TEST_POSTGRES";

    private readonly string _databaseName = "aimemory_test_" + Guid.NewGuid().ToString("N")[..16];
    private string? _serverConnectionString;

    /// <summary>The connection string of the test database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The server connection string, pointing at the maintenance database.</summary>
    public string ServerConnectionString =>
        _serverConnectionString ?? throw new InvalidOperationException("The database is not initialised yet.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(VariableName);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            throw new InvalidOperationException(
                $"{VariableName} is not set, so the PostgreSQL tests cannot run. " +
                "Run the suite with scripts/test.sh, which starts a throwaway server, " +
                $"or set {VariableName} to an Npgsql connection string of a role that may create databases.");
        }

        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName }.ConnectionString;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_serverConnectionString is null || ConnectionString.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
