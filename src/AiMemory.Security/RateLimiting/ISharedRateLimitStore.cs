namespace AiMemory.Security.RateLimiting;

/// <summary>
/// A fixed-window request counter shared by every host instance, so that a quota is enforced once
/// across instances and survives restarts. The AiMemory store implements it on PostgreSQL.
/// </summary>
public interface ISharedRateLimitStore
{
    /// <summary>
    /// Adds one request to the counter of <paramref name="partitionKey"/> for the window that starts at
    /// <paramref name="windowStart"/>, and returns the count after the increment.
    /// </summary>
    ValueTask<long> IncrementAsync(
        string partitionKey,
        DateTimeOffset windowStart,
        TimeSpan window,
        CancellationToken cancellationToken = default);
}
