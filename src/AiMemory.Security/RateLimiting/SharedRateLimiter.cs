using AiMemory.Security.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.RateLimiting;

/// <summary>
/// A limiter whose counters live in an <see cref="ISharedRateLimitStore"/> (PostgreSQL), so that every host instance
/// enforces one quota per key and a restart neither resets nor multiplies it. Each request costs one store round
/// trip; a store failure propagates to the caller.
/// </summary>
public sealed class SharedRateLimiter : IRequestRateLimiter
{
    private readonly ISharedRateLimitStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly FixedWindow _window;
    private readonly int _keyLimit;
    private readonly int _clientLimit;

    /// <summary>Creates a limiter over a shared store with the window and quotas of <paramref name="options"/>.</summary>
    public SharedRateLimiter(
        ISharedRateLimitStore store, IOptions<AiMemorySecurityOptions> options, TimeProvider timeProvider, ILogger<SharedRateLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.RateLimitWindow, TimeSpan.Zero);
        _store = store;
        _window = new FixedWindow(settings.RateLimitWindow);
        _keyLimit = settings.RateLimitMaxRequests;
        _clientLimit = settings.UnauthenticatedMaxRequests;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc/>
    public async ValueTask<RateLimitDecision> AcquireAsync(QuotaPartition partition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partition.Id);
        var now = _timeProvider.GetUtcNow();
        var index = _window.IndexAt(now);
        var limit = partition.Kind == QuotaPartitionKind.Key ? _keyLimit : _clientLimit;
        var name = partition.ToString();

        var count = await _store.IncrementAsync(name, _window.StartOf(index), _window.Length, cancellationToken).ConfigureAwait(false);
        var decision = _window.Decide(count, limit, index, now);

        // Exactly one request per partition and window gets the count just past the limit, across all instances.
        if (count == limit + 1L)
        {
            SecurityLog.RateLimitExceeded(
                _logger, LogValue.Escape(name), limit, RateLimitDecision.CeilingSeconds(_window.Length),
                RateLimitDecision.CeilingSeconds(decision.RetryAfter!.Value));
        }

        return decision;
    }
}
