using AiMemory.Core;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using AiMemory.Testing;

namespace AiMemory.Reliability.Tests.Concurrency;

/// <summary>
/// Two store instances on one database, as two host instances would have, update the same memory at the same time
/// with the same expected version: per version exactly one update wins and every other gets a version conflict.
/// </summary>
public sealed class LostUpdateTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private const int Versions = 15;
    private const int UpdatersPerInstance = 4;

    [Fact]
    public async Task ParallelUpdates_Sqlite_ExactlyOneWinsPerVersion()
    {
        using var folder = new TemporaryDirectory();
        var options = new AiMemoryOptions { SqlitePath = folder.Combine("aimemory.db") };

        await RaceAsync(options);
    }

    [Fact]
    public async Task ParallelUpdates_PostgreSql_ExactlyOneWinsPerVersion()
    {
        await RaceAsync(new AiMemoryOptions { DatabaseUrl = database.ConnectionString });
    }

    private static async Task RaceAsync(AiMemoryOptions options)
    {
        await using var first = AiMemoryStore.Create(options);
        await using var second = AiMemoryStore.Create(options);
        await first.MigrateAsync();
        var instances = new[] { first.ForOwner("alice").Memories, second.ForOwner("alice").Memories };
        var memory = await instances[0].CreateAsync(new MemoryDraft("Shared", "version 1", Tags: ["start"]));
        var winners = new List<string>();

        for (var version = 1; version <= Versions; version++)
        {
            using var start = new Barrier(instances.Length * UpdatersPerInstance);
            var expected = version;
            var attempts = instances
                .SelectMany((repository, instance) => Enumerable.Range(0, UpdatersPerInstance).Select(updater => (repository, name: $"{instance}-{updater}")))
                .Select(attempt => Task.Run(async () =>
                {
                    start.SignalAndWait();
                    try
                    {
                        await attempt.repository.UpdateAsync(memory.Id, expected, new MemoryChanges(Content: attempt.name, Tags: [attempt.name]));
                        return attempt.name;
                    }
                    catch (VersionConflictException)
                    {
                        return null;
                    }
                }))
                .ToArray();

            var outcomes = await Task.WhenAll(attempts);

            outcomes.Count(name => name is not null).ShouldBe(1, $"updates of version {version}");
            winners.Add(outcomes.Single(name => name is not null)!);
        }

        var stored = await instances[1].GetAsync(memory.Id);
        stored.ShouldNotBeNull();
        stored.Version.ShouldBe(Versions + 1);
        stored.Content.ShouldBe(winners[^1]);
        stored.Tags.ShouldBe([winners[^1]]);
    }
}
