using System.Net;
using System.Threading.RateLimiting;
using AiMemory.Security.RateLimiting;
using AiMemory.Security.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Security.Tests.RateLimiting;

public sealed class InProcessRateLimiterTests : IDisposable
{
    // 12:07:30 UTC, inside the 15-minute window 12:00-12:15.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 7, 30, TimeSpan.Zero));
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public InProcessRateLimiterTests() => _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs));

    public void Dispose() => _loggerFactory.Dispose();

    private InProcessRateLimiter CreateLimiter(Action<AiMemorySecurityOptions>? configure = null)
    {
        var options = new AiMemorySecurityOptions();
        configure?.Invoke(options);
        return new InProcessRateLimiter(Options.Create(options), _time, _loggerFactory.CreateLogger<InProcessRateLimiter>());
    }

    [Fact]
    public void Acquire_HundredRequestLimit_AllowsHundredThenRejects()
    {
        var limiter = CreateLimiter();
        var key = QuotaPartition.ForKey("key1");

        var decisions = Enumerable.Range(0, 110).Select(_ => limiter.Acquire(key)).ToArray();

        decisions.Take(100).ShouldAllBe(decision => decision.IsAllowed);
        decisions.Skip(100).ShouldAllBe(decision => !decision.IsAllowed);
        decisions[0].Remaining.ShouldBe(99);
        decisions[99].Remaining.ShouldBe(0);
        decisions[100].Limit.ShouldBe(100);
        decisions[100].Remaining.ShouldBe(0);
        decisions[100].ResetAt.ShouldBe(new DateTimeOffset(2026, 3, 1, 12, 15, 0, TimeSpan.Zero));
        decisions[100].RetryAfter.ShouldBe(TimeSpan.FromSeconds(450));
        decisions[99].RetryAfter.ShouldBeNull();
    }

    [Fact]
    public void Acquire_OtherKey_IsUnaffected()
    {
        var limiter = CreateLimiter(options => options.RateLimitMaxRequests = 3);
        for (var request = 0; request < 5; request++)
        {
            limiter.Acquire(QuotaPartition.ForKey("busy"));
        }

        limiter.Acquire(QuotaPartition.ForKey("busy")).IsAllowed.ShouldBeFalse();
        limiter.Acquire(QuotaPartition.ForKey("quiet")).IsAllowed.ShouldBeTrue();
        limiter.Acquire(QuotaPartition.ForClient(IPAddress.Loopback)).IsAllowed.ShouldBeTrue();
    }

    [Fact]
    public void Acquire_NextWindow_RestoresQuota()
    {
        var limiter = CreateLimiter(options => options.RateLimitMaxRequests = 2);
        var key = QuotaPartition.ForKey("key1");
        limiter.Acquire(key);
        limiter.Acquire(key);
        limiter.Acquire(key).IsAllowed.ShouldBeFalse();

        _time.Advance(TimeSpan.FromSeconds(449));
        limiter.Acquire(key).IsAllowed.ShouldBeFalse();
        _time.Advance(TimeSpan.FromSeconds(1));

        var decision = limiter.Acquire(key);
        decision.IsAllowed.ShouldBeTrue();
        decision.Remaining.ShouldBe(1);
    }

    [Fact]
    public void Acquire_ClientPartition_UsesStricterQuota()
    {
        var limiter = CreateLimiter();
        var client = QuotaPartition.ForClient(IPAddress.Parse("192.0.2.7"));

        var allowed = Enumerable.Range(0, 50).Count(_ => limiter.Acquire(client).IsAllowed);

        allowed.ShouldBe(20);
    }

    [Fact]
    public void Acquire_IdlePartitions_AreDroppedInNextWindow()
    {
        var limiter = CreateLimiter();
        for (var index = 0; index < 1000; index++)
        {
            limiter.Acquire(QuotaPartition.ForClient(new IPAddress([10, 0, (byte)(index / 256), (byte)index])));
        }

        limiter.PartitionCount.ShouldBe(1000);
        _time.Advance(TimeSpan.FromMinutes(15));
        limiter.Acquire(QuotaPartition.ForKey("key1"));

        limiter.PartitionCount.ShouldBe(1);
    }

    [Fact]
    public void Acquire_PartitionCapReached_RejectsNewClientsButCountsKeys()
    {
        var limiter = CreateLimiter(options => options.MaxRateLimitPartitions = 10);
        for (var index = 0; index < 10; index++)
        {
            limiter.Acquire(QuotaPartition.ForClient(new IPAddress([10, 0, 0, (byte)index]))).IsAllowed.ShouldBeTrue();
        }

        var newClient = limiter.Acquire(QuotaPartition.ForClient(IPAddress.Parse("10.0.1.1")));
        var known = limiter.Acquire(QuotaPartition.ForClient(IPAddress.Parse("10.0.0.1")));
        var key = limiter.Acquire(QuotaPartition.ForKey("key1"));

        newClient.IsAllowed.ShouldBeFalse();
        known.IsAllowed.ShouldBeTrue();
        key.IsAllowed.ShouldBeTrue();
        limiter.PartitionCount.ShouldBe(11);
        _logs.Entries.Count(entry => entry.EventId.Id == 2002).ShouldBe(1);
    }

    [Fact]
    public void Acquire_Rejections_LogOncePerPartitionAndWindow()
    {
        var limiter = CreateLimiter(options => options.RateLimitMaxRequests = 1);
        for (var request = 0; request < 5; request++)
        {
            limiter.Acquire(QuotaPartition.ForKey("key1"));
        }

        _time.Advance(TimeSpan.FromMinutes(15));
        limiter.Acquire(QuotaPartition.ForKey("key1"));
        limiter.Acquire(QuotaPartition.ForKey("key1"));

        var lines = _logs.Entries.Where(entry => entry.Message.StartsWith("Rate limit exceeded", StringComparison.Ordinal)).ToArray();
        lines.Length.ShouldBe(2);
        lines[0].Level.ShouldBe(LogLevel.Warning);
        lines[0].EventId.Id.ShouldBe(2001);
        lines[0].Message.ShouldBe(
            "Rate limit exceeded for key:key1: 1 requests per 900 s, retry after 450 s (logged once per partition and window)");
    }

    [Fact]
    public async Task Acquire_ConcurrentRequests_AllowExactlyTheLimit()
    {
        var limiter = CreateLimiter(options => options.RateLimitMaxRequests = 5000);
        var key = QuotaPartition.ForKey("shared");
        var allowed = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var request = 0; request < 1000; request++)
            {
                if (limiter.Acquire(key).IsAllowed)
                {
                    Interlocked.Increment(ref allowed);
                }
            }
        })));

        allowed.ShouldBe(5000);
    }

    [Fact]
    public void GetResponseHeaders_RejectedDecision_ContainsQuotaAndRetryAfter()
    {
        var limiter = CreateLimiter(options => options.RateLimitMaxRequests = 1);
        limiter.Acquire(QuotaPartition.ForKey("k"));

        var headers = limiter.Acquire(QuotaPartition.ForKey("k")).GetResponseHeaders(_time.GetUtcNow());

        headers.ShouldBe([
            new("RateLimit-Limit", "1"),
            new("RateLimit-Remaining", "0"),
            new("RateLimit-Reset", "450"),
            new("RateLimit-Policy", "1;w=900"),
            new("Retry-After", "450"),
        ]);
    }

    [Fact]
    public void GetResponseHeaders_AllowedDecision_HasNoRetryAfter()
    {
        var headers = CreateLimiter().Acquire(QuotaPartition.ForKey("k")).GetResponseHeaders(_time.GetUtcNow());

        headers.ShouldNotContain(header => header.Key == "Retry-After");
        headers.ShouldContain(new KeyValuePair<string, string>("RateLimit-Remaining", "99"));
    }

    [Fact]
    public async Task AcquireAsync_CompletesSynchronously()
    {
        var task = CreateLimiter().AcquireAsync(QuotaPartition.ForKey("k"));

        task.IsCompletedSuccessfully.ShouldBeTrue();
        (await task).IsAllowed.ShouldBeTrue();
    }

    [Fact]
    public void AttemptAcquire_AsPartitionedRateLimiter_ReportsRetryAfterAndDecision()
    {
        PartitionedRateLimiter<QuotaPartition> limiter = CreateLimiter(options => options.RateLimitMaxRequests = 1);
        var key = QuotaPartition.ForKey("k");

        using var first = limiter.AttemptAcquire(key);
        using var second = limiter.AttemptAcquire(key);

        first.IsAcquired.ShouldBeTrue();
        first.TryGetMetadata(MetadataName.RetryAfter, out _).ShouldBeFalse();
        second.IsAcquired.ShouldBeFalse();
        second.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).ShouldBeTrue();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(450));
        second.TryGetMetadata(DecisionLease.DecisionMetadata, out var decision).ShouldBeTrue();
        decision.Limit.ShouldBe(1);
        second.MetadataNames.ShouldBe([DecisionLease.DecisionMetadata.Name, MetadataName.RetryAfter.Name]);
    }

    [Fact]
    public void GetStatistics_AndZeroPermitProbe_DoNotCount()
    {
        var limiter = CreateLimiter(options => options.RateLimitMaxRequests = 2);
        var key = QuotaPartition.ForKey("k");

        limiter.GetStatistics(key)!.CurrentAvailablePermits.ShouldBe(2);
        limiter.Acquire(key);
        limiter.GetStatistics(key)!.CurrentAvailablePermits.ShouldBe(1);
        limiter.AttemptAcquire(key, 0).IsAcquired.ShouldBeTrue();
        limiter.Acquire(key).IsAllowed.ShouldBeTrue();
        limiter.AttemptAcquire(key, 0).IsAcquired.ShouldBeFalse();
        limiter.GetStatistics(key)!.CurrentAvailablePermits.ShouldBe(0);
        _logs.Entries.ShouldBeEmpty();
    }
}
