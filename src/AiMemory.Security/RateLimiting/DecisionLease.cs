using System.Threading.RateLimiting;

namespace AiMemory.Security.RateLimiting;

/// <summary>
/// A System.Threading.RateLimiting lease that carries a <see cref="RateLimitDecision"/>, under
/// <see cref="DecisionMetadata"/>, and the standard <see cref="MetadataName.RetryAfter"/> when rejected.
/// </summary>
public sealed class DecisionLease : RateLimitLease
{
    /// <summary>The metadata name under which a lease carries its <see cref="RateLimitDecision"/>.</summary>
    public static readonly MetadataName<RateLimitDecision> DecisionMetadata = MetadataName.Create<RateLimitDecision>("AIMEMORY_RATE_LIMIT_DECISION");

    private static readonly string[] s_allowedNames = [DecisionMetadata.Name];
    private static readonly string[] s_rejectedNames = [DecisionMetadata.Name, MetadataName.RetryAfter.Name];

    /// <summary>Wraps a decision.</summary>
    public DecisionLease(RateLimitDecision decision) => Decision = decision;

    /// <summary>The decision this lease reports.</summary>
    public RateLimitDecision Decision { get; }

    /// <inheritdoc/>
    public override bool IsAcquired => Decision.IsAllowed;

    /// <inheritdoc/>
    public override IEnumerable<string> MetadataNames => Decision.RetryAfter is null ? s_allowedNames : s_rejectedNames;

    /// <inheritdoc/>
    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == DecisionMetadata.Name)
        {
            metadata = Decision;
            return true;
        }

        if (metadataName == MetadataName.RetryAfter.Name && Decision.RetryAfter is { } retryAfter)
        {
            metadata = retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
