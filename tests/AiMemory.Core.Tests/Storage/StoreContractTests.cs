using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Core.Tests.Storage;

/// <summary>
/// The behaviour every store backend must have. Each backend derives a class that says how to open a store; each test
/// works on owners of its own, so tests share one database without seeing each other's data.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Start);

    protected AiMemoryStore Store { get; private set; } = null!;

    /// <summary>Returns options that select the backend under test.</summary>
    protected abstract AiMemoryOptions CreateOptions();

    public virtual async Task InitializeAsync()
    {
        Store = AiMemoryStore.Create(CreateOptions(), timeProvider: Time);
        await Store.MigrateAsync();
    }

    public virtual async Task DisposeAsync() => await Store.DisposeAsync();

    protected IOwnerStore NewOwner() => Store.ForOwner("owner-" + Guid.NewGuid().ToString("N")[..12]);

    protected static MemoryDraft Draft(
        string title = "Deploy notes",
        string content = "The deploy runs on Fridays.",
        string? project = null,
        string? category = null,
        IReadOnlyList<string>? tags = null,
        int priority = 3,
        string? idempotencyKey = null) =>
        new(title, content, category, project, tags, priority, idempotencyKey);

    [Fact]
    public void Backend_Name_MatchesOptions()
    {
        Store.Backend.ShouldBe(CreateOptions().UsesPostgreSql ? "postgresql" : "sqlite");
    }

    [Fact]
    public async Task IsAvailable_RunningDatabase_ReturnsTrue()
    {
        (await Store.IsAvailableAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Migrate_SecondTime_IsHarmless()
    {
        await Store.MigrateAsync();
        await using var second = AiMemoryStore.Create(CreateOptions(), timeProvider: Time);

        await Task.WhenAll(second.MigrateAsync(), Store.MigrateAsync());

        (await second.ForOwner("migrated").Memories.CreateAsync(Draft())).Id.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void ForOwner_EmptyOwner_Throws()
    {
        Should.Throw<ArgumentException>(() => Store.ForOwner(" "));
    }
}
