using AiMemory.Security.RateLimiting;
using AiMemory.Security.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Security.Tests.RateLimiting;

public sealed class SharedRateLimiterTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 7, 30, TimeSpan.Zero));
    private readonly InMemorySharedRateLimitStore _store = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public SharedRateLimiterTests() => _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs));

    public void Dispose() => _loggerFactory.Dispose();

    private SharedRateLimiter CreateInstance(int maxRequests = 100)
    {
        var options = new AiMemorySecurityOptions { RateLimitMaxRequests = maxRequests };
        return new SharedRateLimiter(_store, Options.Create(options), _time, _loggerFactory.CreateLogger<SharedRateLimiter>());
    }

    [Fact]
    public async Task AcquireAsync_TwoInstances_EnforceOneQuota()
    {
        var first = CreateInstance();
        var second = CreateInstance();
        var key = QuotaPartition.ForKey("key1");
        var allowed = 0;

        for (var request = 0; request < 110; request++)
        {
            var instance = request % 2 == 0 ? first : second;
            if ((await instance.AcquireAsync(key)).IsAllowed)
            {
                allowed++;
            }
        }

        allowed.ShouldBe(100);
    }

    [Fact]
    public async Task AcquireAsync_Restart_KeepsTheCount()
    {
        var key = QuotaPartition.ForKey("key1");
        for (var request = 0; request < 100; request++)
        {
            await CreateInstance().AcquireAsync(key);
        }

        var afterRestart = await CreateInstance().AcquireAsync(key);

        afterRestart.IsAllowed.ShouldBeFalse();
        afterRestart.RetryAfter.ShouldBe(TimeSpan.FromSeconds(450));
    }

    [Fact]
    public async Task AcquireAsync_NextWindow_RestoresQuota()
    {
        var limiter = CreateInstance(maxRequests: 1);
        var key = QuotaPartition.ForKey("key1");
        await limiter.AcquireAsync(key);
        (await limiter.AcquireAsync(key)).IsAllowed.ShouldBeFalse();

        _time.Advance(TimeSpan.FromSeconds(450));

        (await limiter.AcquireAsync(key)).IsAllowed.ShouldBeTrue();
    }

    [Fact]
    public async Task AcquireAsync_Partitions_UseDistinctCounterNames()
    {
        var limiter = CreateInstance(maxRequests: 1);

        (await limiter.AcquireAsync(QuotaPartition.ForKey("a"))).IsAllowed.ShouldBeTrue();
        (await limiter.AcquireAsync(QuotaPartition.ForKey("b"))).IsAllowed.ShouldBeTrue();
        (await limiter.AcquireAsync(new QuotaPartition(QuotaPartitionKind.Client, "a"))).IsAllowed.ShouldBeTrue();
        _store.CounterCount.ShouldBe(3);
    }

    [Fact]
    public async Task AcquireAsync_RejectionsOnSeveralInstances_LogOnce()
    {
        var first = CreateInstance(maxRequests: 2);
        var second = CreateInstance(maxRequests: 2);
        var key = QuotaPartition.ForKey("key1");

        for (var request = 0; request < 6; request++)
        {
            await (request % 2 == 0 ? first : second).AcquireAsync(key);
        }

        _logs.Entries.Count(entry => entry.Message.StartsWith("Rate limit exceeded for key:key1", StringComparison.Ordinal)).ShouldBe(1);
    }
}
