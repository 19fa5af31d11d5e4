namespace AiMemory.Security.RateLimiting;

/// <summary>
/// Counts requests per partition in fixed windows aligned to the Unix epoch (a 15-minute window resets at :00, :15,
/// :30 and :45), so that the in-process and the shared limiter agree on when a window ends.
/// </summary>
public interface IRequestRateLimiter
{
    /// <summary>Counts one request against <paramref name="partition"/> and decides whether it may proceed.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(QuotaPartition partition, CancellationToken cancellationToken = default);
}
