using System.Text.Json;
using AiMemory.Core.Mcp;
using AiMemory.Core.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Tests.Mcp;

/// <summary>
/// The tool catalog built into AiMemory.Core must match exactly what the SDK derives from the tool methods. When a tool
/// method changes, rewrite the catalog with
/// <c>AIMEMORY_UPDATE_TOOL_CATALOG=1 dotnet test tests/AiMemory.Core.Tests --filter ToolCatalogFileTests</c>.
/// </summary>
public sealed class ToolCatalogFileTests
{
    private const string UpdateVariable = "AIMEMORY_UPDATE_TOOL_CATALOG";

    private static readonly JsonSerializerOptions Indented = new(McpJsonUtilities.DefaultOptions) { WriteIndented = true };

    [Fact]
    public void Catalog_SdkRegistration_Matches()
    {
        var options = AiMemoryJsonContext.ToolOptions;
        var services = new ServiceCollection();
        services.AddMcpServer()
            .WithTools<MemoryTools>(options)
            .WithTools<TaskTools>(options)
            .WithTools<ProjectTools>(options)
            .WithTools<CategoryTools>(options)
            .WithTools<TagTools>(options)
            .WithTools<InstructionTools>(options)
            .WithTools<ContextTools>(options);
        using var provider = services.BuildServiceProvider();
        var derived = CatalogText(provider.GetServices<McpServerTool>().Select(tool => tool.ProtocolTool));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(SourcePath(), derived);
        }

        var embedded = CatalogText(ToolCatalog.Load());
        embedded.ShouldBe(
            derived,
            $"src/AiMemory.Core/Mcp/tool-catalog.json is out of date with the tool methods; rerun this test with {UpdateVariable}=1 to rewrite it.");
    }

    [Fact]
    public void CreateFromMethod_EachTool_MatchesCatalog()
    {
        using var provider = new ServiceCollection().BuildServiceProvider();

        foreach (var listed in ToolCatalog.Load())
        {
            var built = ToolCatalog.CreateFromMethod(listed.Name, provider);

            Json(built.ProtocolTool).ShouldBe(Json(listed), listed.Name);
        }
    }

    [Fact]
    public void CreateFromMethod_UnknownName_Throws()
    {
        using var provider = new ServiceCollection().BuildServiceProvider();

        Should.Throw<KeyNotFoundException>(() => ToolCatalog.CreateFromMethod("no_such_tool", provider));
    }

    [Fact]
    public async Task ListTools_BeforeCall_BuildsNoFunction()
    {
        await using var session = await McpTestSession.StartAsync();

        (await session.Client.ListToolsAsync()).Count.ShouldBe(AiMemoryToolNames.All.Count);
        var tools = session.Services.GetServices<McpServerTool>().Cast<CatalogTool>().ToList();
        tools.ShouldAllBe(tool => !tool.IsFunctionCreated);

        await session.CallOkAsync("list_tags");

        tools.Where(tool => tool.IsFunctionCreated).Select(tool => tool.ProtocolTool.Name).ShouldBe(["list_tags"]);
    }

    private static string CatalogText(IEnumerable<Tool> tools) =>
        JsonSerializer.Serialize(new ListToolsResult { Tools = tools.ToList() }, Indented).ReplaceLineEndings("\n") + "\n";

    private static string Json(Tool tool) => JsonSerializer.Serialize(tool, McpJsonUtilities.DefaultOptions);

    private static string SourcePath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "AiMemory.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(
            folder?.FullName ?? throw new InvalidOperationException("The test runs outside the repository."),
            "src", "AiMemory.Core", "Mcp", "tool-catalog.json");
    }
}
