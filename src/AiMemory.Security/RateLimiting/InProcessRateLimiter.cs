using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using AiMemory.Security.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.RateLimiting;

/// <summary>
/// The default limiter: fixed-window counters in this process, as a System.Threading.RateLimiting
/// <see cref="PartitionedRateLimiter{TResource}"/>. It differs from the runtime's <c>FixedWindowRateLimiter</c> in
/// reading time from <see cref="TimeProvider"/>, so that windows are testable and aligned with the shared limiter. Counters of past windows are dropped at the first request of a new window, and at most
/// <see cref="AiMemorySecurityOptions.MaxRateLimitPartitions"/> are kept: beyond that, requests from new client
/// addresses are rejected until the window ends, while keys are always counted.
/// </summary>
public sealed class InProcessRateLimiter : PartitionedRateLimiter<QuotaPartition>, IRequestRateLimiter
{
    private readonly ConcurrentDictionary<QuotaPartition, Counter> _counters = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly FixedWindow _window;
    private readonly int _keyLimit;
    private readonly int _clientLimit;
    private readonly int _maxPartitions;
    private long _sweptWindow = long.MinValue;
    private long _fullWarningWindow = long.MinValue;

    /// <summary>Creates a limiter with the window and quotas of <paramref name="options"/>.</summary>
    public InProcessRateLimiter(IOptions<AiMemorySecurityOptions> options, TimeProvider timeProvider, ILogger<InProcessRateLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.RateLimitWindow, TimeSpan.Zero);
        _window = new FixedWindow(settings.RateLimitWindow);
        _keyLimit = settings.RateLimitMaxRequests;
        _clientLimit = settings.UnauthenticatedMaxRequests;
        _maxPartitions = settings.MaxRateLimitPartitions;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The number of partitions currently counted.</summary>
    public int PartitionCount => _counters.Count;

    /// <inheritdoc/>
    public ValueTask<RateLimitDecision> AcquireAsync(QuotaPartition partition, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Acquire(partition));

    /// <summary>Counts one request against <paramref name="partition"/> and decides whether it may proceed.</summary>
    public RateLimitDecision Acquire(QuotaPartition partition) => Acquire(partition, 1);

    /// <inheritdoc/>
    public override RateLimiterStatistics? GetStatistics(QuotaPartition resource)
    {
        var decision = Acquire(resource, 0);
        return new RateLimiterStatistics { CurrentAvailablePermits = decision.Remaining };
    }

    /// <inheritdoc/>
    protected override RateLimitLease AttemptAcquireCore(QuotaPartition resource, int permitCount) =>
        new DecisionLease(Acquire(resource, permitCount));

    /// <inheritdoc/>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(
        QuotaPartition resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RateLimitLease>(new DecisionLease(Acquire(resource, permitCount)));

    /// <summary>Counts <paramref name="permits"/> requests; zero reads the state without counting.</summary>
    private RateLimitDecision Acquire(QuotaPartition partition, int permits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        ArgumentNullException.ThrowIfNull(partition.Id);
        var now = _timeProvider.GetUtcNow();
        var index = _window.IndexAt(now);
        DropPastWindows(index);

        var limit = partition.Kind == QuotaPartitionKind.Key ? _keyLimit : _clientLimit;
        while (true)
        {
            if (!_counters.TryGetValue(partition, out var counter))
            {
                if (permits == 0)
                {
                    return Probe(0, limit, index, now);
                }

                if (_counters.Count >= _maxPartitions && partition.Kind == QuotaPartitionKind.Client)
                {
                    WarnFull(partition, index);
                    return _window.Decide(limit + 1L, limit, index, now);
                }

                counter = _counters.GetOrAdd(partition, static _ => new Counter());
            }

            long count;
            bool firstDenial;
            lock (counter)
            {
                // The sweep removed this counter after it was read from the dictionary: count in its successor.
                if (counter.Removed)
                {
                    continue;
                }

                if (counter.WindowIndex != index)
                {
                    counter.WindowIndex = index;
                    counter.Count = 0;
                    counter.DenialLogged = false;
                }

                counter.Count += permits;
                count = counter.Count;
                firstDenial = permits > 0 && count > limit && !counter.DenialLogged;
                counter.DenialLogged |= firstDenial;
            }

            if (permits == 0)
            {
                return Probe(count, limit, index, now);
            }

            var decision = _window.Decide(count, limit, index, now);
            if (firstDenial)
            {
                SecurityLog.RateLimitExceeded(
                    _logger, LogValue.Escape(partition.ToString()), limit, RateLimitDecision.CeilingSeconds(_window.Length),
                    RateLimitDecision.CeilingSeconds(decision.RetryAfter!.Value));
            }

            return decision;
        }
    }

    /// <summary>Describes the quota without counting: allowed while at least one request is left.</summary>
    private RateLimitDecision Probe(long count, int limit, long index, DateTimeOffset now)
    {
        var decision = _window.Decide(count, limit, index, now);
        return count < limit
            ? decision with { IsAllowed = true, RetryAfter = null }
            : decision with { IsAllowed = false, RetryAfter = decision.ResetAt - now };
    }

    /// <summary>Drops the counters of past windows once per window; they carry no information any more.</summary>
    private void DropPastWindows(long index)
    {
        var swept = Interlocked.Read(ref _sweptWindow);
        if (swept >= index || Interlocked.CompareExchange(ref _sweptWindow, index, swept) != swept)
        {
            return;
        }

        foreach (var pair in _counters)
        {
            lock (pair.Value)
            {
                if (pair.Value.WindowIndex < index && _counters.TryRemove(pair))
                {
                    pair.Value.Removed = true;
                }
            }
        }
    }

    private void WarnFull(QuotaPartition partition, long index)
    {
        var warned = Interlocked.Read(ref _fullWarningWindow);
        if (warned < index && Interlocked.CompareExchange(ref _fullWarningWindow, index, warned) == warned)
        {
            SecurityLog.RateLimitPartitionsFull(_logger, LogValue.Escape(partition.ToString()), _counters.Count);
        }
    }

    private sealed class Counter
    {
        public long WindowIndex = long.MinValue;
        public long Count;
        public bool DenialLogged;
        public bool Removed;
    }
}
