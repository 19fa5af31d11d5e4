using AiMemory.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiMemory.Core.Tests;

public sealed class BackendSmokeTests : IClassFixture<PostgresTestDatabase>
{
    private readonly PostgresTestDatabase _database;

    public BackendSmokeTests(PostgresTestDatabase database) => _database = database;

    [Fact]
    public async Task Postgres_ThrowawayServer_AnswersWithUtf8Database()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()", connection);

        var encoding = (string?)await command.ExecuteScalarAsync();

        encoding.ShouldBe("UTF8");
    }

    [Fact]
    public async Task Sqlite_RealFile_PersistsAcrossConnections()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("smoke.db");

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = new SqliteCommand("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('数据库 🧑‍💻')", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var read = new SqliteCommand("SELECT v FROM t", connection);
            ((string?)await read.ExecuteScalarAsync()).ShouldBe("数据库 🧑‍💻");
        }

        File.Exists(path).ShouldBeTrue();
    }
}
