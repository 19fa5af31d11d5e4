using AiMemory.Core;
using AiMemory.Core.Storage;
using AiMemory.Reliability.Tests.Support;
using AiMemory.Reliability.Writer;
using AiMemory.Testing;
using Xunit.Abstractions;

namespace AiMemory.Reliability.Tests.Durability;

/// <summary>
/// A writer process doing concurrent writes is killed with SIGKILL at a random moment, round after round, on the same
/// database. After each kill a fresh store must hold every write the writer acknowledged, and nothing half-written.
/// </summary>
public sealed class CrashDurabilityTests(DurablePostgresCluster cluster, ITestOutputHelper output) : IClassFixture<DurablePostgresCluster>
{
    private const int Workers = 4;

    [Fact]
    public async Task KilledWriter_Sqlite_LosesNoAcknowledgedWrite()
    {
        using var folder = new TemporaryDirectory();
        var file = folder.Combine("aimemory.db");

        await RunRoundsAsync("sqlite", file, new AiMemoryOptions { SqlitePath = file });
    }

    [Fact]
    public async Task KilledWriter_PostgreSql_LosesNoAcknowledgedWrite()
    {
        await RunRoundsAsync("postgres", cluster.ConnectionString, new AiMemoryOptions { DatabaseUrl = cluster.ConnectionString });
    }

    private async Task RunRoundsAsync(string backend, string target, AiMemoryOptions options)
    {
        var acknowledged = new Acknowledgements();
        for (var round = 0; round < ReliabilitySettings.Rounds; round++)
        {
            await using (var writer = await WriterProcess.StartAsync(backend, target, Workers, seconds: 30))
            {
                await Task.Delay(Random.Shared.Next(50, 700));
                await writer.KillAsync();
                acknowledged.Add(writer.Lines);
            }

            await using var store = AiMemoryStore.Create(options);
            var stored = (await store.ForOwner(WrittenMemory.Owner).ExportAsync()).Memories;

            acknowledged.FindProblems(stored).ShouldBeEmpty($"after round {round + 1}");
        }

        output.WriteLine($"{backend}: {ReliabilitySettings.Rounds} kills, {acknowledged.Count} acknowledged memories checked");
        acknowledged.Count.ShouldBeGreaterThan(ReliabilitySettings.Rounds, "the writer acknowledged too few writes to prove anything");
    }
}
