using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Rejects, before authentication and before any key lookup, a client address that has used up its quota of failed
/// attempts in the current window. The attempts themselves are counted by the authentication step.
/// </summary>
internal sealed class ClientRateLimitMiddleware(RequestDelegate next, FailedAuthenticationThrottle throttle, TimeProvider timeProvider)
{
    /// <summary>Responds 429 to a blocked client; otherwise continues.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (HealthEndpoint.IsHealthRequest(context.Request) || !throttle.IsBlocked(context, out var decision))
        {
            return next(context);
        }

        return RateLimitResponses.WriteTooManyRequestsAsync(context, decision, timeProvider.GetUtcNow(), "This client address");
    }
}
