using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Composes the request pipeline, cheapest refusal first: request log, security headers, origin and host policy,
/// the per-address limiter, authentication, the per-key limiter, the body-size limit, the MCP request guard.
/// </summary>
internal static class AiMemoryPipeline
{
    /// <summary>The path of the MCP endpoint.</summary>
    public const string McpPath = "/mcp";

    /// <summary>Adds the middleware to <paramref name="app"/> in order.</summary>
    public static void Use(IApplicationBuilder app, AiMemoryHttpOptions options)
    {
        app.UseMiddleware<RequestLoggingMiddleware>();
        if (options.SecurityPipelineEnabled)
        {
            app.UseMiddleware<SecurityHeadersMiddleware>();
            UseSecurity(app);
        }
        else
        {
            app.UseMiddleware<UnprotectedCallerMiddleware>();
        }

        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseWhen(IsMcpRequest, mcp => mcp.UseMiddleware<McpRequestGuardMiddleware>());
    }

    private static void UseSecurity(IApplicationBuilder app)
    {
        app.UseMiddleware<OriginHostMiddleware>();
        app.UseMiddleware<ClientRateLimitMiddleware>();
        app.UseMiddleware<ApiKeyAuthenticationMiddleware>();
        app.UseMiddleware<KeyRateLimitMiddleware>();
    }

    private static bool IsMcpRequest(HttpContext context) => context.Request.Path.StartsWithSegments(McpPath, StringComparison.OrdinalIgnoreCase);
}
