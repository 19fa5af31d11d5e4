using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using BenchmarkDotNet.Attributes;

namespace AiMemory.Benchmarks;

/// <summary>Reads against a store seeded with 10,000 or 100,000 memories of one owner.</summary>
[Config(typeof(StoreLatencyConfig))]
public class StoreReadBenchmarks
{
    private AiMemoryStore _store = null!;
    private IOwnerStore _owner = null!;
    private long[] _ids = [];
    private int _next;

    [Params("sqlite", "postgresql")]
    public string Backend { get; set; } = "sqlite";

    [Params(10_000, 100_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var name = $"read-{Memories}";
        _store = await StoreBenchmarkData.OpenAsync(Backend, name, fresh: false);
        await StoreBenchmarkData.SeedAsync(_store, name, Memories);
        _owner = _store.ForOwner(StoreBenchmarkData.Owner);
        _ids = await StoreBenchmarkData.SampleIdsAsync(_store, 1_000);
        _ids = _ids.OrderBy(id => HashCode.Combine(id, 17)).ToArray();
    }

    [GlobalCleanup]
    public async Task CleanUpAsync() => await _store.DisposeAsync();

    [Benchmark]
    public Task<Memory?> GetById() => _owner.Memories.GetAsync(_ids[_next++ % _ids.Length]);

    [Benchmark]
    public Task<Page<MemorySearchHit>> SearchRareWord() =>
        _owner.Memories.SearchAsync(new MemoryQuery(StoreBenchmarkData.RareWord), new PageRequest());

    [Benchmark]
    public Task<Page<MemorySearchHit>> SearchCjk() =>
        _owner.Memories.SearchAsync(new MemoryQuery(StoreBenchmarkData.CjkWord), new PageRequest());

    [Benchmark]
    public Task<Page<MemorySearchHit>> SearchCommonWord() =>
        _owner.Memories.SearchAsync(new MemoryQuery(StoreBenchmarkData.CommonWord), new PageRequest());

    [Benchmark]
    public Task<Page<MemorySearchHit>> SearchWithFilters() =>
        _owner.Memories.SearchAsync(new MemoryQuery(StoreBenchmarkData.RareWord, Project: "project-7", MinPriority: 2), new PageRequest());

    [Benchmark]
    public Task<Page<Memory>> ListNewest() => _owner.Memories.ListAsync(new MemoryQuery(), new PageRequest());
}
