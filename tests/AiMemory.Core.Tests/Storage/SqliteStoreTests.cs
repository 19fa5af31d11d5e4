using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using AiMemory.Testing;
using Microsoft.Data.Sqlite;

namespace AiMemory.Core.Tests.Storage;

/// <summary>Behaviour of the embedded SQLite backend beyond the shared contract.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TwoStores_SameFileConcurrentWrites_AllSucceed()
    {
        var options = new AiMemoryOptions { SqlitePath = _folder.Combine("shared.db") };
        await using var first = AiMemoryStore.Create(options);
        await using var second = AiMemoryStore.Create(options);

        var writes = Enumerable.Range(0, 40).Select(index =>
        {
            var store = index % 2 == 0 ? first : second;
            return store.ForOwner("shared").Memories.CreateAsync(new MemoryDraft($"note {index}", "text", Tags: ["common", $"t{index % 3}"]));
        });
        var created = await Task.WhenAll(writes);

        created.Select(memory => memory.Id).Distinct().Count().ShouldBe(40);
        var page = await first.ForOwner("shared").Memories.ListAsync(new MemoryQuery(Tags: ["common"]), new PageRequest(100));
        page.Items.Count.ShouldBe(40);
    }

    [Fact]
    public async Task Export_MoreMemoriesThanSqliteParameters_Succeeds()
    {
        // SQLite binds at most 32,766 parameters in one statement.
        const int count = 32_767;
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = _folder.Combine("large.db") });
        var owner = store.ForOwner("large");
        await owner.Memories.CreateManyAsync(
            Enumerable.Range(0, count).Select(index => new MemoryDraft($"m{index}", "text", Tags: ["tagged"])).ToList());

        var export = await owner.ExportAsync();

        export.Memories.Count.ShouldBe(count);
        export.Memories.ShouldAllBe(memory => memory.Tags.Count == 1 && memory.Tags[0] == "tagged");
    }

    [Fact]
    public async Task Import_MoreRecordsThanOneBatch_RestoresAll()
    {
        var count = StoreLimits.MaxBatchSize + 1;
        var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var memories = Enumerable.Range(1, count)
            .Select(id => new Memory(id, $"m{id}", "text", null, null, [], 3, created, created, 1))
            .ToList();
        var export = new OwnerExport(1, created, [], [], memories, [], []);
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = _folder.Combine("restore.db") });

        var result = await store.ForOwner("restored").ImportAsync(export);

        result.Created.ShouldBe(count);
        (await store.ForOwner("restored").Memories.GetAsync(count))!.Title.ShouldBe($"m{count}");
    }

    [Fact]
    public async Task Create_MissingFolder_CreatesFolderAndWalFile()
    {
        var path = _folder.Combine(Path.Combine("nested", "deeper", "aimemory.db"));
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = path });

        await store.ForOwner("me").Memories.CreateAsync(new MemoryDraft("first", "text"));

        File.Exists(path).ShouldBeTrue();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode", connection);
        ((string?)await command.ExecuteScalarAsync()).ShouldBe("wal");
    }

    [Fact]
    public async Task Migrate_RecordsEveryVersion()
    {
        var path = _folder.Combine("versions.db");
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = path });

        await store.MigrateAsync();

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("SELECT COUNT(*), MIN(version) FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt64(0).ShouldBeGreaterThanOrEqualTo(1);
        reader.GetInt64(1).ShouldBe(1);
    }

    [Fact]
    public async Task Store_FolderBlockedByFile_IsUnavailableThenRecovers()
    {
        var blocker = _folder.Combine("blocked");
        await File.WriteAllTextAsync(blocker, "a file where the folder should be");
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = Path.Combine(blocker, "aimemory.db") });

        (await store.IsAvailableAsync()).ShouldBeFalse();
        await Should.ThrowAsync<StoreUnavailableException>(() => store.ForOwner("me").Memories.CreateAsync(new MemoryDraft("t", "c")));

        File.Delete(blocker);

        (await store.IsAvailableAsync()).ShouldBeTrue();
        (await store.ForOwner("me").Memories.CreateAsync(new MemoryDraft("t", "c"))).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Store_MigrationsOffAndSchemaMissing_ExplainsTheFix()
    {
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = _folder.Combine("unmigrated.db"), ApplyMigrationsOnStart = false });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.ForOwner("me").Memories.GetAsync(1));

        error.Message.ShouldStartWith("The sqlite schema is at version 0, but this AiMemory version needs 1.");
        error.Message.ShouldContain("ApplyMigrationsOnStart");
    }

    [Fact]
    public async Task Store_MigrationsOffAfterSeparateMigration_Works()
    {
        var options = new AiMemoryOptions { SqlitePath = _folder.Combine("premigrated.db"), ApplyMigrationsOnStart = false };
        await using (var migrator = AiMemoryStore.Create(options))
        {
            await migrator.MigrateAsync();
        }

        await using var store = AiMemoryStore.Create(options);

        (await store.ForOwner("me").Memories.CreateAsync(new MemoryDraft("t", "c"))).Version.ShouldBe(1);
    }

    [Fact]
    public void DefaultPath_IsUnderLocalApplicationData()
    {
        var expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "AiMemory", "aimemory.db");

        new AiMemoryOptions().ResolveSqlitePath().ShouldBe(expected);
    }
}
