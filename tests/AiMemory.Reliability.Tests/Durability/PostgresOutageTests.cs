using System.Diagnostics;
using AiMemory.Core;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using AiMemory.Reliability.Tests.Support;
using AiMemory.Reliability.Writer;
using Xunit.Abstractions;

namespace AiMemory.Reliability.Tests.Durability;

/// <summary>
/// The PostgreSQL server is stopped immediately while a writer process writes, then started again. Writes fail with
/// StoreUnavailableException within a bounded time while it is down, the same store instances work again after it
/// is back without a restart, and every write acknowledged before the stop survives.
/// </summary>
public sealed class PostgresOutageTests(DurablePostgresCluster cluster, ITestOutputHelper output) : IClassFixture<DurablePostgresCluster>
{
    private static readonly TimeSpan FailureBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan FirstWriteBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ImmediateStop_MidWrite_FailsThenRecovers()
    {
        var options = new AiMemoryOptions { DatabaseUrl = cluster.ConnectionString };
        await using var store = AiMemoryStore.Create(options);
        await store.MigrateAsync();
        var memories = store.ForOwner(WrittenMemory.Owner).Memories;
        var acknowledged = new Acknowledgements();
        await using var writer = await WriterProcess.StartAsync("postgres", cluster.ConnectionString, workers: 4, seconds: 120);

        // The writer prints "ready" before it writes. On a loaded machine its first write can take longer than the
        // delay below, so the test waits for a first acknowledgement and the stop falls while the writer is writing.
        await WaitUntilAsync(
            () => writer.Lines.Any(line => line.StartsWith("ack", StringComparison.Ordinal)),
            FirstWriteBound,
            "the writer acknowledged no write within the bound");
        await Task.Delay(Random.Shared.Next(200, 600));

        await cluster.StopImmediatelyAsync();
        var acknowledgedBeforeStop = writer.Lines.Count(line => line.StartsWith("ack", StringComparison.Ordinal));
        var clock = Stopwatch.StartNew();
        await Should.ThrowAsync<StoreUnavailableException>(() => memories.CreateAsync(WrittenMemory.Draft("during-outage")));
        var failedAfter = clock.Elapsed;
        failedAfter.ShouldBeLessThan(FailureBound, "a write while the database is down must fail quickly");
        (await store.IsAvailableAsync()).ShouldBeFalse();
        await WaitUntilAsync(() => writer.Lines.Contains("unavailable"), FailureBound, "the writer never saw the outage");

        await cluster.StartAsync();
        var recovered = await WaitUntilAsync(async () =>
        {
            try
            {
                await memories.CreateAsync(WrittenMemory.Draft("after-outage"));
                return true;
            }
            catch (StoreUnavailableException)
            {
                return false;
            }
        }, RecoveryBound, "the store did not recover by itself");
        (await store.IsAvailableAsync()).ShouldBeTrue();
        var linesAtRestart = writer.Lines.Count;
        await WaitUntilAsync(
            () => writer.Lines.Skip(linesAtRestart).Any(line => line.StartsWith("ack", StringComparison.Ordinal)),
            RecoveryBound,
            "the writer process did not resume writing by itself");
        await writer.KillAsync();
        acknowledged.Add(writer.Lines);

        acknowledgedBeforeStop.ShouldBeGreaterThan(0, "the writer acknowledged nothing before the stop");
        var stored = (await store.ForOwner(WrittenMemory.Owner).ExportAsync()).Memories;
        acknowledged.FindProblems(stored).ShouldBeEmpty();
        recovered.ShouldBeLessThan(RecoveryBound);
        output.WriteLine(
            $"write failed {failedAfter.TotalMilliseconds:F0} ms into the outage; store recovered {recovered.TotalMilliseconds:F0} ms " +
            $"after the restart; {acknowledged.Count} acknowledged memories checked, {acknowledged.Unavailable} writes refused as unavailable");
    }

    private static async Task<TimeSpan> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan bound, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            clock.Elapsed.ShouldBeLessThan(bound, failure);
            await Task.Delay(100);
        }

        return clock.Elapsed;
    }

    private static Task<TimeSpan> WaitUntilAsync(Func<bool> condition, TimeSpan bound, string failure) =>
        WaitUntilAsync(() => Task.FromResult(condition()), bound, failure);
}
