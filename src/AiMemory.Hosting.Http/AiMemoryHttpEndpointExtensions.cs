using AiMemory.Hosting.Http;
using AiMemory.Hosting.Http.Pipeline;
using AiMemory.Hosting.Http.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AiMemory endpoints behind the AiMemory request pipeline.</summary>
public static class AiMemoryHttpEndpointExtensions
{
    /// <summary>
    /// Adds the request pipeline (headers, origin and host policy, rate limits, authentication, body limit) and maps
    /// <c>/mcp</c> (MCP Streamable HTTP, stateless), the REST API under <c>/api</c> and <c>/health</c>. Needs
    /// <c>AddAiMemoryHttp</c> on the services.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddAiMemoryHttp</c> was not called.</exception>
    public static WebApplication MapAiMemory(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        var options = app.Services.GetService<AiMemoryHttpOptions>()
            ?? throw new InvalidOperationException("Call builder.AddAiMemoryHttp() or services.AddAiMemoryHttp(configuration) before MapAiMemory().");

        AiMemoryPipeline.Use(app, options);
        HealthEndpoint.Map(app);
        RestEndpoints.Map(app);
        app.MapMcp(AiMemoryPipeline.McpPath);
        return app;
    }
}
