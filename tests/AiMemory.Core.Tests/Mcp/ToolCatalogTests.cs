using AiMemory.Core.Mcp;
using Microsoft.Extensions.DependencyInjection;

namespace AiMemory.Core.Tests.Mcp;

public sealed class ToolCatalogTests
{
    // name: read-only, destructive, idempotent. Every tool is also closed-world (openWorldHint false).
    private static readonly Dictionary<string, (bool ReadOnly, bool Destructive, bool Idempotent)> Expected = new()
    {
        ["store_memory"] = (false, false, false),
        ["search_memories"] = (true, false, true),
        ["list_memories"] = (true, false, true),
        ["get_memory"] = (true, false, true),
        ["update_memory"] = (false, true, false),
        ["delete_memory"] = (false, true, true),
        ["get_memory_stats"] = (true, false, true),
        ["export_memories"] = (true, false, true),
        ["import_memories"] = (false, false, true),
        ["create_task"] = (false, false, false),
        ["list_tasks"] = (true, false, true),
        ["search_tasks"] = (true, false, true),
        ["get_task"] = (true, false, true),
        ["update_task"] = (false, true, false),
        ["complete_task"] = (false, false, true),
        ["archive_task"] = (false, false, true),
        ["delete_task"] = (false, true, true),
        ["get_task_stats"] = (true, false, true),
        ["export_tasks"] = (true, false, true),
        ["batch_create_tasks"] = (false, false, false),
        ["create_project"] = (false, false, true),
        ["list_projects"] = (true, false, true),
        ["get_project"] = (true, false, true),
        ["update_project"] = (false, true, false),
        ["delete_project"] = (false, true, true),
        ["create_category"] = (false, false, true),
        ["list_categories"] = (true, false, true),
        ["get_category"] = (true, false, true),
        ["update_category"] = (false, true, false),
        ["delete_category"] = (false, true, true),
        ["list_statuses"] = (true, false, true),
        ["list_tags"] = (true, false, true),
        ["delete_tag"] = (false, true, true),
        ["get_project_context"] = (true, false, true),
        ["get_task_context"] = (true, false, true),
        ["get_memory_context"] = (true, false, true),
        ["get_work_priorities"] = (true, false, true),
        ["create_ai_instruction"] = (false, false, false),
        ["list_ai_instructions"] = (true, false, true),
        ["get_ai_instructions"] = (true, false, true),
        ["update_ai_instruction"] = (false, true, false),
        ["delete_ai_instruction"] = (false, true, true),
        ["batch_create_ai_instructions"] = (false, false, false),
    };

    [Fact]
    public async Task ListTools_Server_HasExactlyTheNamedToolsWithTheirAnnotations()
    {
        await using var session = await McpTestSession.StartAsync();

        var tools = await session.Client.ListToolsAsync();

        tools.Select(tool => tool.Name).ShouldBe(Expected.Keys, ignoreOrder: true);
        AiMemoryToolNames.All.ShouldBe(Expected.Keys, ignoreOrder: true);
        foreach (var tool in tools.Select(tool => tool.ProtocolTool))
        {
            var (readOnly, destructive, idempotent) = Expected[tool.Name];
            var annotations = tool.Annotations.ShouldNotBeNull(tool.Name);
            annotations.ReadOnlyHint.ShouldBe(readOnly, tool.Name);
            annotations.DestructiveHint.ShouldBe(destructive, tool.Name);
            annotations.IdempotentHint.ShouldBe(idempotent, tool.Name);
            annotations.OpenWorldHint.ShouldBe(false, tool.Name);
        }
    }

    [Fact]
    public async Task ListTools_Server_EveryToolHasDescriptionAndOutputSchema()
    {
        await using var session = await McpTestSession.StartAsync();

        var tools = await session.Client.ListToolsAsync();

        foreach (var tool in tools.Select(tool => tool.ProtocolTool))
        {
            tool.Description.ShouldNotBeNullOrWhiteSpace(tool.Name);
            tool.OutputSchema.ShouldNotBeNull(tool.Name);
            tool.OutputSchema.Value.GetProperty("type").GetString().ShouldBe("object", tool.Name);
            var arguments = tool.InputSchema.GetProperty("properties").EnumerateObject().Select(property => property.Name).ToList();
            arguments.ShouldNotContain("owner", tool.Name);
            arguments.ShouldNotContain("user", tool.Name);
            arguments.ShouldNotContain("services", tool.Name);
            arguments.ShouldNotContain("cancellationToken", tool.Name);
        }
    }

    [Fact]
    public void WithAiMemoryTools_CalledTwice_RegistersToolsOnce()
    {
        var services = new ServiceCollection();
        var builder = services.AddMcpServer();

        builder.WithAiMemoryTools();
        var once = services.Count;
        builder.WithAiMemoryTools();

        services.Count.ShouldBe(once);
    }

    [Fact]
    public async Task ListTools_StoreMemory_SchemaCarriesLimits()
    {
        await using var session = await McpTestSession.StartAsync();

        var tool = (await session.Client.ListToolsAsync()).Single(tool => tool.Name == "store_memory").ProtocolTool;

        var properties = tool.InputSchema.GetProperty("properties");
        properties.GetProperty("title").GetProperty("maxLength").GetInt32().ShouldBe(FieldLimits.Title);
        properties.GetProperty("content").GetProperty("maxLength").GetInt32().ShouldBe(FieldLimits.Content);
        properties.GetProperty("priority").GetProperty("minimum").GetInt32().ShouldBe(1);
        properties.GetProperty("priority").GetProperty("maximum").GetInt32().ShouldBe(5);
        properties.GetProperty("title").GetProperty("description").GetString().ShouldNotBeNullOrEmpty();
        tool.InputSchema.GetProperty("required").EnumerateArray().Select(name => name.GetString()).ShouldBe(["title", "content"]);
    }
}
