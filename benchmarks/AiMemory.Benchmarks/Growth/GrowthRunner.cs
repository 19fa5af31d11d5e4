using System.Diagnostics;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Benchmarks.Growth;

/// <summary>
/// Seeds one fresh store per backend up to each size in turn and times the operations at every size, so the largest
/// size is seeded once and the smaller sizes are the same store on its way there.
/// </summary>
internal sealed class GrowthRunner(GrowthOptions options, TextWriter log)
{
    private const string StoreName = "growth";

    // The first draft index of the timed single creates. Seeded memories use the indices below it.
    private const int StoreDraftOffset = 100_000_000;

    private const int ImportBatchSize = 5_000;

    private static readonly TimeSpan MeasurementBudget = TimeSpan.FromSeconds(10);

    private int _storedSoFar;

    /// <summary>Measures every backend at every size, adding to <paramref name="results"/> and calling <paramref name="sizeDone"/> after each size.</summary>
    public async Task RunAsync(GrowthResults results, Func<Task> sizeDone)
    {
        foreach (var backend in options.Backends)
        {
            await RunBackendAsync(backend, results, sizeDone);
        }
    }

    private async Task RunBackendAsync(string backend, GrowthResults results, Func<Task> sizeDone)
    {
        var load = File.Exists("/proc/loadavg") ? $" (load average {File.ReadAllText("/proc/loadavg").Trim()})" : "";
        log.WriteLine($"{backend}: creating a fresh store{load}");
        var store = await StoreBenchmarkData.OpenAsync(backend, StoreName, fresh: true);
        try
        {
            results.EngineVersions[backend] = await StoreBenchmarkData.EngineVersionAsync(backend, StoreName);
            _storedSoFar = 0;
            var memories = store.ForOwner(StoreBenchmarkData.Owner).Memories;
            var seeded = 0;
            foreach (var size in options.Sizes)
            {
                var importSeconds = await SeedAsync(memories, seeded, size);
                var added = size - seeded;
                seeded = size;
                if (backend == "postgresql")
                {
                    // Autovacuum would do this within a minute or so: gather planner statistics and merge the GIN
                    // pending lists that bulk inserts leave behind, which every search scans until then.
                    await StoreBenchmarkData.VacuumAnalyzeAsync(StoreName);
                }

                var bytes = await StoreBenchmarkData.SizeOnDiskAsync(backend, StoreName);
                var seeding = new GrowthSeeding(backend, size, added, importSeconds, bytes);
                results.Seedings.Add(seeding);
                log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {backend} {size}: imported {added} memories at {seeding.MemoriesPerSecond:F0}/s, {bytes / 1e6:F1} MB on disk");

                await MeasureSizeAsync(backend, size, memories, results);
                await sizeDone();
            }
        }
        finally
        {
            await store.DisposeAsync();
            await StoreBenchmarkData.DropAsync(backend, StoreName);
        }
    }

    /// <summary>Imports seeded memories up to <paramref name="size"/> and returns the seconds spent inside the imports.</summary>
    private static async Task<double> SeedAsync(IMemoryRepository memories, int seeded, int size)
    {
        var importTime = TimeSpan.Zero;
        for (var start = seeded; start < size; start += ImportBatchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(ImportBatchSize, size - start)).Select(StoreBenchmarkData.Draft).ToList();
            var timer = Stopwatch.StartNew();
            await memories.CreateManyAsync(batch);
            importTime += timer.Elapsed;
        }

        return importTime.TotalSeconds;
    }

    private async Task MeasureSizeAsync(string backend, int size, IMemoryRepository memories, GrowthResults results)
    {
        var newest = await memories.ListAsync(new MemoryQuery(), new PageRequest(1));
        var maxId = newest.Items[0].Id;
        var random = new Random(size);
        var reads = new LatencySampler(options.ReadCalls, MeasurementBudget);

        async Task Add(string operation, LatencySampler sampler, Func<int, Task> call)
        {
            var latency = await sampler.MeasureAsync(call);
            results.Measurements.Add(new GrowthMeasurement(backend, size, operation, latency));
            log.WriteLine(
                $"{backend} {size} {operation}: median {latency.MedianMilliseconds:F2} ms, p95 {latency.P95Milliseconds:F2} ms over {latency.Count} calls");
        }

        await Add(GrowthOperations.GetById, reads, async _ =>
        {
            var id = random.NextInt64(1, maxId + 1);
            if (await memories.GetAsync(id) is null)
            {
                throw new InvalidOperationException($"Memory {id} of {maxId} was not found.");
            }
        });
        await Add(GrowthOperations.SearchRare, reads, _ => SearchAsync(memories, StoreBenchmarkData.RareWord));
        await Add(GrowthOperations.SearchCommon, reads, _ => SearchAsync(memories, StoreBenchmarkData.CommonWord));
        await Add(GrowthOperations.SearchCjk, reads, _ => SearchAsync(memories, StoreBenchmarkData.CjkWord));
        await Add(GrowthOperations.ListNewest, reads, _ => memories.ListAsync(new MemoryQuery(), new PageRequest()));

        // Last, so the reads above see the seeded memories plus only the single creates of the smaller sizes.
        await Add(GrowthOperations.Store, new LatencySampler(options.StoreCalls, MeasurementBudget), async _ =>
        {
            await memories.CreateAsync(StoreBenchmarkData.Draft(StoreDraftOffset + _storedSoFar));
            _storedSoFar++;
        });
    }

    private static async Task SearchAsync(IMemoryRepository memories, string text)
    {
        var page = await memories.SearchAsync(new MemoryQuery(text), new PageRequest());
        if (page.Items.Count == 0)
        {
            throw new InvalidOperationException($"Searching for \"{text}\" found nothing.");
        }
    }
}
