using AiMemory.Security.Origins;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Applies the origin and host policy before authentication and before the body is read: a <c>Host</c> or
/// <c>Origin</c> the policy rejects gets 403 with a problem body; an allowed origin gets its CORS headers, and its
/// preflight (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c>) gets 204 from here. The policy logs each
/// rejection (<c>Forbidden origin</c>, <c>Forbidden host</c>).
/// </summary>
internal sealed class OriginHostMiddleware(RequestDelegate next, OriginPolicy policy)
{
    /// <summary>Checks the host, then the origin. Responds to rejected requests and preflights itself and sets the CORS headers for the rest.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var host = policy.EvaluateHost(request.Headers.Host.Count == 1 ? request.Headers.Host[0] : null);
        if (!host.IsAllowed)
        {
            return ProblemResponses.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Forbidden host",
                "The Host header names a host this server does not serve.");
        }

        var originHeader = request.Headers.Origin;
        var decision = policy.EvaluateOrigin(originHeader.Count == 0 ? null : originHeader.ToString());
        var headers = context.Response.Headers;
        foreach (var (name, value) in decision.ResponseHeaders)
        {
            headers.Append(name, value);
        }

        if (!decision.IsAllowed)
        {
            return ProblemResponses.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Forbidden origin",
                "Requests from this origin are not allowed. The server's operator lists allowed origins in ALLOWED_ORIGINS.");
        }

        if (decision.HasOrigin && HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            foreach (var (name, value) in decision.PreflightHeaders)
            {
                headers[name] = value;
            }

            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
