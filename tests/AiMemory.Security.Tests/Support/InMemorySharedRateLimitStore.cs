using System.Collections.Concurrent;
using AiMemory.Security.RateLimiting;

namespace AiMemory.Security.Tests.Support;

/// <summary>A test double of the shared counter store: one atomic counter per partition and window start.</summary>
internal sealed class InMemorySharedRateLimitStore : ISharedRateLimitStore
{
    private readonly ConcurrentDictionary<(string Partition, DateTimeOffset WindowStart), StrongBox<long>> _counters = new();

    public int CounterCount => _counters.Count;

    public ValueTask<long> IncrementAsync(string partitionKey, DateTimeOffset windowStart, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var counter = _counters.GetOrAdd((partitionKey, windowStart), _ => new StrongBox<long>());
        return ValueTask.FromResult(Interlocked.Increment(ref counter.Value));
    }

    private sealed class StrongBox<T>
    {
        public T Value = default!;
    }
}
