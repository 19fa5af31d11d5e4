using System.Globalization;
using AiMemory.Core;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiMemory.Benchmarks;

/// <summary>
/// Opens benchmark stores and seeds them once: a SQLite file under the temporary folder, or a database on the
/// PostgreSQL server named by <c>AIMEMORY_BENCH_POSTGRES</c> (or <c>AIMEMORY_TEST_POSTGRES</c>). A store that already
/// contains the expected number of memories is reused, so only the first run pays for seeding.
/// </summary>
internal static class StoreBenchmarkData
{
    public const string Owner = "bench";

    /// <summary>In 1 memory of 100: a rare English word.</summary>
    public const string RareWord = "kubernetes";

    /// <summary>In 1 memory of 100: a CJK phrase.</summary>
    public const string CjkWord = "数据库";

    /// <summary>In 1 memory of 10: a common English word.</summary>
    public const string CommonWord = "database";

    private static readonly string[] Vocabulary = BuildVocabulary();

    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("AIMEMORY_BENCH_POSTGRES")
        ?? Environment.GetEnvironmentVariable("AIMEMORY_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "Set AIMEMORY_BENCH_POSTGRES (or AIMEMORY_TEST_POSTGRES) to an Npgsql connection string of a role that may create databases, " +
            "or run the benchmarks through scripts/throwaway-postgres.sh.");

    /// <summary>Opens a store named <paramref name="name"/>; <paramref name="fresh"/> starts it empty.</summary>
    public static async Task<AiMemoryStore> OpenAsync(string backend, string name, bool fresh)
    {
        AiMemoryOptions options;
        if (backend == "sqlite")
        {
            var path = SqlitePath(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (fresh)
            {
                SqliteConnection.ClearAllPools();
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }

            options = new AiMemoryOptions { SqlitePath = path };
        }
        else
        {
            var database = PostgresDatabase(name);
            await using (var connection = new NpgsqlConnection(PostgresServer))
            {
                await connection.OpenAsync();
                if (fresh)
                {
                    await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                }

                await using var exists = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", connection);
                exists.Parameters.AddWithValue("name", database);
                if ((long)(await exists.ExecuteScalarAsync())! == 0)
                {
                    await ExecuteAsync(connection, $"CREATE DATABASE \"{database}\"");
                }
            }

            options = new AiMemoryOptions { DatabaseUrl = PostgresConnectionString(name) };
        }

        var store = AiMemoryStore.Create(options);
        await store.MigrateAsync();
        return store;
    }

    /// <summary>Returns the SQLite file of the store named <paramref name="name"/>.</summary>
    public static string SqlitePath(string name) => Path.Combine(Path.GetTempPath(), "aimemory-bench", name + ".db");

    /// <summary>Returns the bytes on disk of the store named <paramref name="name"/>: the SQLite file with its WAL, or <c>pg_database_size</c>.</summary>
    public static async Task<long> SizeOnDiskAsync(string backend, string name)
    {
        if (backend == "sqlite")
        {
            var path = SqlitePath(name);
            return new[] { path, path + "-wal" }.Where(File.Exists).Sum(file => new FileInfo(file).Length);
        }

        await using var connection = new NpgsqlConnection(PostgresConnectionString(name));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Deletes the store named <paramref name="name"/>: its SQLite files, or its PostgreSQL database.</summary>
    public static async Task DropAsync(string backend, string name)
    {
        if (backend == "sqlite")
        {
            SqliteConnection.ClearAllPools();
            var path = SqlitePath(name);
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{PostgresDatabase(name)}\" WITH (FORCE)");
    }

    /// <summary>Runs <c>VACUUM ANALYZE</c> on the PostgreSQL database of the store named <paramref name="name"/>.</summary>
    public static async Task VacuumAnalyzeAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString(name));
        await connection.OpenAsync();
        await ExecuteAsync(connection, "VACUUM ANALYZE");
    }

    /// <summary>Returns the name and version of the database engine that contains the store named <paramref name="name"/>.</summary>
    public static async Task<string> EngineVersionAsync(string backend, string name)
    {
        if (backend == "sqlite")
        {
            await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = SqlitePath(name) }.ToString());
            await sqlite.OpenAsync();
            await using var version = sqlite.CreateCommand();
            version.CommandText = "SELECT sqlite_version()";
            return "SQLite " + (string)(await version.ExecuteScalarAsync())!;
        }

        await using var connection = new NpgsqlConnection(PostgresConnectionString(name));
        await connection.OpenAsync();
        return "PostgreSQL " + connection.PostgreSqlVersion.ToString();
    }

    private static string PostgresDatabase(string name) => "aimemory_bench_" + name.Replace('-', '_');

    private static string PostgresConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = PostgresDatabase(name) }.ConnectionString;

    /// <summary>Fills the bench owner of the store named <paramref name="name"/> up to <paramref name="count"/> memories.</summary>
    public static async Task SeedAsync(AiMemoryStore store, string name, int count)
    {
        var memories = store.ForOwner(Owner).Memories;
        var present = (await memories.GetStatisticsAsync()).Total;
        for (var start = present; start < count; start += 5_000)
        {
            var batch = Enumerable.Range(start, Math.Min(5_000, count - start)).Select(Draft).ToList();
            await memories.CreateManyAsync(batch);
        }

        // Autovacuum would do this within a minute or so: gather planner statistics and merge the GIN pending lists
        // that bulk inserts leave behind, which every search scans until then.
        if (store.Backend == "postgresql")
        {
            await VacuumAnalyzeAsync(name);
        }
    }

    /// <summary>Builds memory number <paramref name="index"/>: the same text for the same index on every run.</summary>
    public static MemoryDraft Draft(int index)
    {
        var random = new Random(index);
        var title = Words(random, random.Next(4, 9));
        var content = Words(random, random.Next(30, 80));
        if (index % 100 == 7)
        {
            content += " The " + RareWord + " cluster needs more nodes.";
        }

        if (index % 100 == 13)
        {
            content += " 我们在周五把" + CjkWord + "迁移到新的服务器。";
        }

        if (index % 10 == 3)
        {
            content += " Back up the " + CommonWord + " first.";
        }

        return new MemoryDraft(
            title,
            content,
            Category: "category-" + (index % 10).ToString(CultureInfo.InvariantCulture),
            Project: "project-" + (index % 20).ToString(CultureInfo.InvariantCulture),
            Tags: ["tag-" + (index % 200).ToString(CultureInfo.InvariantCulture), "tag-" + ((index * 7) % 200).ToString(CultureInfo.InvariantCulture)],
            Priority: (index % 5) + 1);
    }

    /// <summary>Returns up to <paramref name="count"/> ids of the bench owner's memories.</summary>
    public static async Task<long[]> SampleIdsAsync(AiMemoryStore store, int count)
    {
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await store.ForOwner(Owner).Memories.ListAsync(new MemoryQuery(Sort: SortOrder.Oldest), new PageRequest(PageRequest.MaxLimit, cursor));
            ids.AddRange(page.Items.Select(memory => memory.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && ids.Count < count);

        return ids.Take(count).ToArray();
    }

    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));

    private static string[] BuildVocabulary()
    {
        var random = new Random(20260301);
        const string letters = "abcdefghiklmnoprstuvwy";
        return Enumerable.Range(0, 5_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(3, 10)).Select(_ => letters[random.Next(letters.Length)]).ToArray()))
            .ToArray();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
