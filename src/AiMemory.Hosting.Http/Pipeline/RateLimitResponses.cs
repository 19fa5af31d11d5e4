using System.Globalization;
using AiMemory.Security.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>Writes the quota headers of a decision and the 429 response.</summary>
internal static class RateLimitResponses
{
    /// <summary>Adds <c>RateLimit-*</c> headers, and <c>Retry-After</c> on a rejection.</summary>
    public static void AddHeaders(HttpContext context, RateLimitDecision decision, DateTimeOffset now)
    {
        var headers = context.Response.Headers;
        foreach (var (name, value) in decision.GetResponseHeaders(now))
        {
            headers[name] = value;
        }
    }

    /// <summary>Writes 429 with the headers and a problem whose detail gives the retry delay.</summary>
    public static Task WriteTooManyRequestsAsync(HttpContext context, RateLimitDecision decision, DateTimeOffset now, string subject)
    {
        AddHeaders(context, decision, now);
        var retryAfter = Math.Max(1, (long)Math.Ceiling((decision.RetryAfter ?? decision.ResetAt - now).TotalSeconds));
        var windowSeconds = ((long)decision.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return ProblemResponses.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Rate limit exceeded",
            $"{subject} made more than {decision.Limit} requests in {windowSeconds} seconds. Retry after {retryAfter} seconds.");
    }
}
