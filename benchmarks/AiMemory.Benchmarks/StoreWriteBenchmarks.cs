using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using BenchmarkDotNet.Attributes;

namespace AiMemory.Benchmarks;

/// <summary>Single creates, timed one by one, on a store that starts empty for each run.</summary>
[Config(typeof(StoreLatencyConfig))]
public class StoreWriteBenchmarks
{
    private AiMemoryStore _store = null!;
    private IOwnerStore _owner = null!;
    private int _next;

    [Params("sqlite", "postgresql")]
    public string Backend { get; set; } = "sqlite";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _store = await StoreBenchmarkData.OpenAsync(Backend, "write", fresh: true);
        _owner = _store.ForOwner(StoreBenchmarkData.Owner);
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _store.DisposeAsync();

    [Benchmark]
    public Task<Memory> StoreMemory() => _owner.Memories.CreateAsync(StoreBenchmarkData.Draft(_next++));
}

/// <summary>Batch imports of 1,000 memories into a fresh owner each; the time shown is per memory.</summary>
[Config(typeof(StoreBatchConfig))]
public class StoreImportBenchmarks
{
    private const int BatchSize = 1_000;

    private AiMemoryStore _store = null!;
    private IReadOnlyList<MemoryDraft> _batch = [];
    private int _next;

    [Params("sqlite", "postgresql")]
    public string Backend { get; set; } = "sqlite";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _store = await StoreBenchmarkData.OpenAsync(Backend, "import", fresh: true);
        _batch = Enumerable.Range(0, BatchSize).Select(StoreBenchmarkData.Draft).ToList();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _store.DisposeAsync();

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public Task<IReadOnlyList<Memory>> ImportBatch() => _store.ForOwner($"import-{_next++}").Memories.CreateManyAsync(_batch);
}
