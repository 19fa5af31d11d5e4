using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using ModelContextProtocol;

namespace AiMemory.Core.Mcp;

/// <summary>
/// Source-generated JSON metadata for every argument and result type of the MCP tools, so that tool marshalling
/// needs no reflection-based serialisation (a prerequisite for publishing a host with Native AOT).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(DateTimeOffset?))]
[JsonSerializable(typeof(TaskStatusValue))]
[JsonSerializable(typeof(TaskStatusValue?))]
[JsonSerializable(typeof(TaskStatusValue[]))]
[JsonSerializable(typeof(SortValue))]
[JsonSerializable(typeof(TagMatchValue))]
[JsonSerializable(typeof(InstructionScopeValue))]
[JsonSerializable(typeof(InstructionScopeValue?))]
[JsonSerializable(typeof(DetailLevel))]
[JsonSerializable(typeof(MemoryImportItem[]))]
[JsonSerializable(typeof(TaskInput[]))]
[JsonSerializable(typeof(InstructionInput[]))]
[JsonSerializable(typeof(WriteResult<MemoryView>))]
[JsonSerializable(typeof(WriteResult<TaskView>))]
[JsonSerializable(typeof(WriteResult<ProjectView>))]
[JsonSerializable(typeof(WriteResult<CategoryView>))]
[JsonSerializable(typeof(WriteResult<InstructionView>))]
[JsonSerializable(typeof(ItemResult<MemoryView>))]
[JsonSerializable(typeof(ItemResult<TaskView>))]
[JsonSerializable(typeof(ItemResult<ProjectView>))]
[JsonSerializable(typeof(ItemResult<CategoryView>))]
[JsonSerializable(typeof(ItemResult<InstructionView>))]
[JsonSerializable(typeof(BatchResult))]
[JsonSerializable(typeof(PageResult<MemoryView>))]
[JsonSerializable(typeof(PageResult<MemoryHit>))]
[JsonSerializable(typeof(PageResult<TaskView>))]
[JsonSerializable(typeof(PageResult<TaskHit>))]
[JsonSerializable(typeof(PageResult<ProjectView>))]
[JsonSerializable(typeof(PageResult<CategoryView>))]
[JsonSerializable(typeof(PageResult<TagView>))]
[JsonSerializable(typeof(PageResult<InstructionView>))]
[JsonSerializable(typeof(DeleteResult))]
[JsonSerializable(typeof(ImportSummary))]
[JsonSerializable(typeof(StatusList))]
[JsonSerializable(typeof(MemoryStatisticsResult))]
[JsonSerializable(typeof(TaskStatisticsResult))]
[JsonSerializable(typeof(InstructionSet))]
[JsonSerializable(typeof(ProjectContext))]
[JsonSerializable(typeof(TaskContext))]
[JsonSerializable(typeof(MemoryContext))]
[JsonSerializable(typeof(WorkPriorities))]
[JsonSerializable(typeof(MemoryStatistics))]
[JsonSerializable(typeof(TaskStatistics))]
internal sealed partial class AiMemoryJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The options the tools are registered with: the MCP SDK's defaults, resolving this context's types first, and
    /// writing null properties, because the output schemas list every property as required.
    /// </summary>
    public static JsonSerializerOptions ToolOptions => s_toolOptions.Value;

    // Created on first use: as a static initializer it could run before the generated Default property is set, and
    // Combine skips a null resolver, leaving options that work only while reflection-based serialisation is enabled.
    private static readonly Lazy<JsonSerializerOptions> s_toolOptions = new(CreateToolOptions);

    private static JsonSerializerOptions CreateToolOptions()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(Default, McpJsonUtilities.DefaultOptions.TypeInfoResolver),
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        options.MakeReadOnly();
        return options;
    }
}
