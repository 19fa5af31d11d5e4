using AiMemory.Security.Authentication;
using AiMemory.Security.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Counts each authenticated request against its key's quota (in process, or in the shared store when several
/// instances run). Every response carries <c>RateLimit-*</c> headers; a request over the quota gets 429 with
/// <c>Retry-After</c>. Other keys are unaffected, and <c>/health</c> is not counted.
/// </summary>
internal sealed class KeyRateLimitMiddleware(RequestDelegate next, IRequestRateLimiter limiter, TimeProvider timeProvider)
{
    /// <summary>Counts the request, then continues or responds 429.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var keyId = context.User.FindFirst(CallerIdentity.KeyIdClaim)?.Value ?? context.User.FindFirst(CallerIdentity.OwnerClaim)?.Value;
        if (keyId is null || HealthEndpoint.IsHealthRequest(context.Request))
        {
            await next(context);
            return;
        }

        var decision = await limiter.AcquireAsync(QuotaPartition.ForKey(keyId), context.RequestAborted);
        var now = timeProvider.GetUtcNow();
        if (!decision.IsAllowed)
        {
            await RateLimitResponses.WriteTooManyRequestsAsync(context, decision, now, "This API key");
            return;
        }

        RateLimitResponses.AddHeaders(context, decision, now);
        await next(context);
    }
}
