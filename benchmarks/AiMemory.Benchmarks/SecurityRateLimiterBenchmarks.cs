using System.Net;
using AiMemory.Security;
using AiMemory.Security.RateLimiting;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiMemory.Benchmarks;

/// <summary>One in-process rate-limit decision, for one hot key and across many partitions.</summary>
[MemoryDiagnoser]
[MinColumn]
public class SecurityRateLimiterBenchmarks
{
    private InProcessRateLimiter _limiter = null!;
    private QuotaPartition _hotKey;
    private QuotaPartition[] _clients = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // A quota large enough that every decision takes the allowed path, as most requests do.
        var options = Options.Create(new AiMemorySecurityOptions { RateLimitMaxRequests = int.MaxValue, UnauthenticatedMaxRequests = int.MaxValue });
        _limiter = new InProcessRateLimiter(options, TimeProvider.System, NullLogger<InProcessRateLimiter>.Instance);
        _hotKey = QuotaPartition.ForKey("abcdefghijklmnop");
        _clients = Enumerable.Range(0, 10_000).Select(index => QuotaPartition.ForClient(new IPAddress(BitConverter.GetBytes(index + 1)))).ToArray();
    }

    [Benchmark(Description = "decision, one key")]
    public bool OneKey() => _limiter.Acquire(_hotKey).IsAllowed;

    [Benchmark(Description = "decision, 10 000 client partitions")]
    public bool ManyClients() => _limiter.Acquire(_clients[_next++ % _clients.Length]).IsAllowed;
}
