using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using AiMemory.Core.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp;

/// <summary>
/// The protocol descriptions of the AiMemory tools (name, description, input and output schemas, annotations), kept
/// in the assembly as the JSON of a <c>tools/list</c> result. The MCP SDK derives them from the tool methods by
/// reflection, and that was the larger part of a native stdio server's start-up. Reading the file takes a few
/// milliseconds. A test derives the descriptions again from the methods and fails when the file is out of date.
/// </summary>
internal static class ToolCatalog
{
    /// <summary>The name of the embedded catalog file.</summary>
    public const string ResourceName = "AiMemory.Core.Mcp.tool-catalog.json";

    private static readonly Lazy<Dictionary<string, MethodInfo>> s_methods = new(FindMethods);

    /// <summary>Reads the tool descriptions from the embedded catalog, in the order the tools are listed.</summary>
    public static IList<Tool> Load()
    {
        using var stream = typeof(ToolCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly lacks its tool catalog '{ResourceName}'.");
        var result = JsonSerializer.Deserialize(stream, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ListToolsResult)));
        return (result as ListToolsResult)?.Tools
            ?? throw new InvalidOperationException($"The tool catalog '{ResourceName}' contains no tools.");
    }

    /// <summary>
    /// Creates the SDK's tool for the method behind <paramref name="name"/>, with its function and schemas derived by
    /// reflection, exactly as the SDK's own registration of a tool type would.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No tool method has that name.</exception>
    public static McpServerTool CreateFromMethod(string name, IServiceProvider services) =>
        CreateFromMethod(s_methods.Value[name], services);

    /// <summary>Creates the SDK's tools of every tool method, in catalog order, by reflection.</summary>
    public static IEnumerable<McpServerTool> CreateAllFromMethods(IServiceProvider services) =>
        ToolMethods().Select(method => CreateFromMethod(method, services));

    // NOTE: string limits use [StringLength], which trimming accepts. The [MaxLength] on array parameters (maxItems in
    // the schema) raises trimming warning IL2026 under Native AOT analysis; the SDK reads only its length.
    private static McpServerTool CreateFromMethod(MethodInfo method, IServiceProvider services) =>
        McpServerTool.Create(method, target: null, new McpServerToolCreateOptions
        {
            Services = services,
            SerializerOptions = AiMemoryJsonContext.ToolOptions,
        });

    private static Dictionary<string, MethodInfo> FindMethods() =>
        ToolMethods().ToDictionary(method => method.GetCustomAttribute<McpServerToolAttribute>()!.Name!, StringComparer.Ordinal);

    private static IEnumerable<MethodInfo> ToolMethods() =>
        ToolMethodsOf(typeof(MemoryTools))
            .Concat(ToolMethodsOf(typeof(TaskTools)))
            .Concat(ToolMethodsOf(typeof(ProjectTools)))
            .Concat(ToolMethodsOf(typeof(CategoryTools)))
            .Concat(ToolMethodsOf(typeof(TagTools)))
            .Concat(ToolMethodsOf(typeof(InstructionTools)))
            .Concat(ToolMethodsOf(typeof(ContextTools)));

    private static IEnumerable<MethodInfo> ToolMethodsOf(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(method => method.IsDefined(typeof(McpServerToolAttribute), inherit: false));
}
