using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp;

/// <summary>
/// An AiMemory tool listed from the <see cref="ToolCatalog"/> whose function the SDK builds on its first call, so a
/// server lists all its tools without deriving any schema at start-up.
/// </summary>
internal sealed class CatalogTool : McpServerTool
{
    private readonly Tool _protocolTool;
    private readonly Lazy<McpServerTool> _function;

    public CatalogTool(Tool protocolTool, IServiceProvider services)
    {
        _protocolTool = protocolTool;
        _function = new Lazy<McpServerTool>(
            () => ToolCatalog.CreateFromMethod(protocolTool.Name, services),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether the tool's function has been built, which happens on its first call.</summary>
    internal bool IsFunctionCreated => _function.IsValueCreated;

    /// <inheritdoc/>
    public override Tool ProtocolTool => _protocolTool;

    /// <inheritdoc/>
    public override IReadOnlyList<object> Metadata => _function.Value.Metadata;

    /// <inheritdoc/>
    public override ValueTask<CallToolResult> InvokeAsync(
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default) =>
        _function.Value.InvokeAsync(request, cancellationToken);

    /// <inheritdoc/>
    public override string ToString() => _protocolTool.Name;
}
