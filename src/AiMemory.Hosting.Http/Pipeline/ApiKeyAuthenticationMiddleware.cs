using AiMemory.Hosting.Http.Logging;
using AiMemory.Security.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Authenticates the key in <c>X-API-Key</c> or <c>Authorization: Bearer</c> (never the query string) and sets the
/// request's user to the caller. Every failure gets the same 401 body and <c>WWW-Authenticate</c> header, whatever the
/// reason; the reason goes to the log only. <c>/health</c> needs no key.
/// </summary>
internal sealed class ApiKeyAuthenticationMiddleware(
    RequestDelegate next,
    ApiKeyAuthenticator authenticator,
    FailedAuthenticationThrottle throttle,
    TimeProvider timeProvider,
    ILogger<ApiKeyAuthenticationMiddleware> logger)
{
    /// <summary>The header that carries the key.</summary>
    public const string ApiKeyHeader = "X-API-Key";

    private const string BearerPrefix = "Bearer ";

    private const string UnauthorizedDetail =
        "A valid API key is required: send it in the X-API-Key header, or in the Authorization header after Bearer.";

    /// <summary>Authenticates, then continues as the caller, or responds 401.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (HealthEndpoint.IsHealthRequest(context.Request))
        {
            await next(context);
            return;
        }

        ApiKeyAuthenticationResult result;
        try
        {
            result = await authenticator.AuthenticateAsync(ReadPresentedKey(context.Request), context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            HttpHostLog.StorageUnavailable(logger, exception, context.Request.Method, context.Request.Path.ToUriComponent());
            await ProblemResponses.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "Storage unavailable",
                "The API key could not be checked because the key store did not respond. Try again shortly.");
            return;
        }

        if (!result.Succeeded)
        {
            // A failed attempt counts against the client address; once over its quota, the address gets 429.
            var decision = await throttle.CountFailureAsync(context);
            if (!decision.IsAllowed)
            {
                await RateLimitResponses.WriteTooManyRequestsAsync(context, decision, timeProvider.GetUtcNow(), "This client address");
                return;
            }

            await WriteUnauthorizedAsync(context);
            return;
        }

        context.User = result.Identity!.ToPrincipal();
        await next(context);
    }

    /// <summary>Writes the one 401 response that every failure gets.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"aimemory\"";
        return ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", UnauthorizedDetail);
    }

    /// <summary>
    /// Returns the key from <c>X-API-Key</c>, else from <c>Authorization: Bearer</c>, or <see langword="null"/>.
    /// A header sent more than once yields an empty key, which fails like a missing one.
    /// </summary>
    internal static string? ReadPresentedKey(HttpRequest request)
    {
        var apiKey = request.Headers[ApiKeyHeader];
        if (apiKey.Count > 0)
        {
            return Single(apiKey);
        }

        var authorization = Single(request.Headers.Authorization);
        if (authorization is not null && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        return null;
    }

    private static string? Single(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0]?.Trim(),
        _ => string.Empty,
    };
}
