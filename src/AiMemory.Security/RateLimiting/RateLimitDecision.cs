using System.Globalization;

namespace AiMemory.Security.RateLimiting;

/// <summary>The verdict on one request and what its response needs to say about the quota.</summary>
/// <param name="IsAllowed">Whether the request may proceed; when false the host responds 429.</param>
/// <param name="Limit">The quota of the partition per window.</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="ResetAt">When the current window ends and the quota is restored (UTC).</param>
/// <param name="RetryAfter">How long to wait before retrying, when the request was rejected.</param>
/// <param name="Window">The window length.</param>
public readonly record struct RateLimitDecision(
    bool IsAllowed, int Limit, int Remaining, DateTimeOffset ResetAt, TimeSpan? RetryAfter, TimeSpan Window)
{
    /// <summary>
    /// Returns the response headers <c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> (seconds
    /// until the window ends) and <c>RateLimit-Policy</c>, plus <c>Retry-After</c> in seconds when rejected.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> GetResponseHeaders(DateTimeOffset now)
    {
        var headers = new List<KeyValuePair<string, string>>(5)
        {
            new("RateLimit-Limit", Format(Limit)),
            new("RateLimit-Remaining", Format(Remaining)),
            new("RateLimit-Reset", Format(CeilingSeconds(ResetAt - now))),
            new("RateLimit-Policy", $"{Format(Limit)};w={Format(CeilingSeconds(Window))}"),
        };
        if (RetryAfter is { } retryAfter)
        {
            headers.Add(new("Retry-After", Format(Math.Max(1, CeilingSeconds(retryAfter)))));
        }

        return headers;
    }

    internal static long CeilingSeconds(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(duration.TotalSeconds);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
