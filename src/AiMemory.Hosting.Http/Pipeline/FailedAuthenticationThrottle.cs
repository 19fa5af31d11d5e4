using System.Collections.Concurrent;
using AiMemory.Security.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Limits requests without valid authentication per client address. Each failed attempt is counted by the
/// configured <see cref="IRequestRateLimiter"/> (in process or shared); once an address is over its quota, this
/// instance remembers it until the window ends and rejects its requests before any key is looked up.
/// </summary>
internal sealed class FailedAuthenticationThrottle(IRequestRateLimiter limiter, ClientAddressResolver resolver, TimeProvider timeProvider)
{
    /// <summary>The most client addresses remembered as blocked; beyond it, the limiter alone decides.</summary>
    internal const int MaxBlockedClients = 10_000;

    private static readonly object PartitionItem = new();

    private readonly ConcurrentDictionary<QuotaPartition, RateLimitDecision> _blocked = new();

    /// <summary>Resolves the client address of the request once and returns its partition.</summary>
    public QuotaPartition PartitionOf(HttpContext context)
    {
        if (context.Items.TryGetValue(PartitionItem, out var stored) && stored is QuotaPartition partition)
        {
            return partition;
        }

        var forwardedFor = context.Request.Headers["X-Forwarded-For"];
        var address = resolver.Resolve(context.Connection.RemoteIpAddress, forwardedFor.Count == 0 ? null : forwardedFor.ToString());
        partition = QuotaPartition.ForClient(address);
        context.Items[PartitionItem] = partition;
        return partition;
    }

    /// <summary>Returns the rejecting decision when the client is remembered as over its quota for the current window.</summary>
    public bool IsBlocked(HttpContext context, out RateLimitDecision decision)
    {
        var partition = PartitionOf(context);
        if (_blocked.TryGetValue(partition, out decision))
        {
            if (decision.ResetAt > timeProvider.GetUtcNow())
            {
                return true;
            }

            _blocked.TryRemove(partition, out _);
        }

        return false;
    }

    /// <summary>Counts a failed attempt and returns the decision; a rejecting one is remembered until its window ends.</summary>
    public async ValueTask<RateLimitDecision> CountFailureAsync(HttpContext context)
    {
        var partition = PartitionOf(context);
        var decision = await limiter.AcquireAsync(partition, context.RequestAborted);
        if (!decision.IsAllowed)
        {
            Remember(partition, decision);
        }

        return decision;
    }

    private void Remember(QuotaPartition partition, RateLimitDecision decision)
    {
        if (_blocked.Count >= MaxBlockedClients)
        {
            var now = timeProvider.GetUtcNow();
            foreach (var (blockedPartition, blockedDecision) in _blocked)
            {
                if (blockedDecision.ResetAt <= now)
                {
                    _blocked.TryRemove(blockedPartition, out _);
                }
            }

            if (_blocked.Count >= MaxBlockedClients)
            {
                return;
            }
        }

        _blocked[partition] = decision;
    }
}
