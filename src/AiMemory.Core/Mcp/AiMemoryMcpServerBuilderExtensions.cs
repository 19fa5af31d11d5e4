using AiMemory.Core.Mcp;
using AiMemory.Core.Mcp.Tools;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AiMemory MCP surface on an MCP server.</summary>
public static class AiMemoryMcpServerBuilderExtensions
{
    /// <summary>
    /// Adds every AiMemory tool, the AI-instruction and memory resources, the instruction prompt, and the call-tool
    /// filter that validates arguments and reports tool errors as <c>isError</c> results. The tools need an
    /// <c>IAiMemoryStore</c> in the container (<c>services.AddAiMemory(...)</c>) and a caller: either an
    /// authenticated principal carrying a <c>CallerIdentity</c> on each request (the HTTP host), or an
    /// <see cref="IAmbientCallerIdentity"/> registered once at start-up (the stdio host).
    /// </summary>
    /// <remarks>A second call on the same builder adds nothing.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMcpServerBuilder WithAiMemoryTools(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(service => service.ServiceType == typeof(AiMemoryToolsMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<AiMemoryToolsMarker>();

        // The tools are listed from the catalog built into the assembly; each one's function is built on its first call.
        foreach (var tool in ToolCatalog.Load())
        {
            builder.Services.AddSingleton<McpServerTool>(services => new CatalogTool(tool, services));
        }

        var options = AiMemoryJsonContext.ToolOptions;
        builder
            .WithResources<AiMemoryResources>()
            .WithPrompts<AiMemoryPrompts>(options)
            .WithRequestFilters(filters => filters.AddCallToolFilter(AiMemoryToolFilter.Create));
        return builder;
    }

    private sealed class AiMemoryToolsMarker;
}
