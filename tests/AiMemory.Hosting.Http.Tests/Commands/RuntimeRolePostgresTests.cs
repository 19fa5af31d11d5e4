using AiMemory.Testing;
using Npgsql;

namespace AiMemory.Hosting.Http.Tests.Commands;

/// <summary>
/// The owner role migrates and grants; the server then runs as a role that reads and writes rows but cannot change
/// the schema. Runs on real PostgreSQL and fails, never skips, when none is configured.
/// </summary>
public sealed class RuntimeRolePostgresTests(PostgresTestDatabase database)
    : IClassFixture<PostgresTestDatabase>, IAsyncLifetime, IDisposable
{
    private const string RuntimePassword = "runtime-role-test-password";

    private readonly CommandRunner _runner = new();
    private readonly string _role = "aimemory_runtime_" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        await ExecuteAsync(database.ConnectionString, $"CREATE ROLE \"{_role}\" LOGIN PASSWORD '{RuntimePassword}'");
    }

    [Fact]
    public async Task RuntimeRole_AfterOwnerMigrates_ReadsAndWritesButCannotDropOrAlter()
    {
        (await _runner.RunAsync("db", "migrate", "--owner-url", database.ConnectionString)).ShouldSucceed();
        (await _runner.RunAsync("db", "runtime-role", "--name", _role, "--apply", "--owner-url", database.ConnectionString))
            .ShouldSucceed();

        var runtime = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Username = _role,
            Password = RuntimePassword,
        }.ConnectionString;
        _runner.Settings["DATABASE_URL"] = runtime;
        _runner.Settings["AiMemory:ApplyMigrationsOnStart"] = "false";

        var created = await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop");
        created.ShouldSucceed();
        var (keyId, _) = KeyCommandsTests.ParseCreated(created.Output);
        (await _runner.RunAsync("keys", "revoke", keyId)).ShouldSucceed();
        (await _runner.RunAsync("keys", "list", "--owner", "alice")).Output.ShouldContain("revoked");
        (await _runner.RunAsync("health")).ShouldSucceed();

        var table = await FirstTableAsync(database.ConnectionString);
        var drop = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(runtime, $"DROP TABLE \"{table}\""));
        drop.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        var alter = await Should.ThrowAsync<PostgresException>(
            () => ExecuteAsync(runtime, $"ALTER TABLE \"{table}\" ADD COLUMN intruder integer"));
        alter.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        var create = await Should.ThrowAsync<PostgresException>(() => ExecuteAsync(runtime, "CREATE TABLE intruder (id integer)"));
        create.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Migrate_UnreachableOwnerUrl_FailsClearly()
    {
        var result = await _runner.RunAsync("db", "migrate", "--owner-url", "postgresql://nobody@127.0.0.1:1/aimemory");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("error:");
        result.Error.ShouldNotContain("   at ");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(database.ConnectionString, $"DROP OWNED BY \"{_role}\"; DROP ROLE \"{_role}\"");
    }

    public void Dispose() => _runner.Dispose();

    private static async Task<string> FirstTableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename LIMIT 1",
            connection);
        return (string)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException("The migrations created no table."));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
