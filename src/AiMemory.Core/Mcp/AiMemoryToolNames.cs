using AiMemory.Security;

namespace AiMemory.Core.Mcp;

/// <summary>
/// The names of the AiMemory MCP tools. They are fixed in snake_case and kept from the earlier AiMemory server, so
/// prompts written for it keep working.
/// </summary>
public static class AiMemoryToolNames
{
    private static readonly string[] ReadTools =
    [
        "search_memories", "list_memories", "get_memory", "get_memory_stats", "export_memories",
        "list_tasks", "search_tasks", "get_task", "get_task_stats", "export_tasks",
        "list_projects", "get_project", "list_categories", "get_category", "list_statuses", "list_tags",
        "get_project_context", "get_task_context", "get_memory_context", "get_work_priorities",
        "list_ai_instructions", "get_ai_instructions",
    ];

    private static readonly string[] WriteTools =
    [
        "store_memory", "update_memory", "delete_memory", "import_memories",
        "create_task", "update_task", "complete_task", "archive_task", "delete_task", "batch_create_tasks",
        "create_project", "update_project", "delete_project",
        "create_category", "update_category", "delete_category", "delete_tag",
    ];

    private static readonly string[] InstructionWriteTools =
    [
        "create_ai_instruction", "update_ai_instruction", "delete_ai_instruction", "batch_create_ai_instructions",
    ];

    /// <summary>The scope each tool needs, by tool name.</summary>
    public static IReadOnlyDictionary<string, string> RequiredScopes { get; } =
        ReadTools.Select(name => (name, AiMemoryScopes.Read))
            .Concat(WriteTools.Select(name => (name, AiMemoryScopes.Write)))
            .Concat(InstructionWriteTools.Select(name => (name, AiMemoryScopes.WriteInstructions)))
            .ToDictionary(pair => pair.name, pair => pair.Item2, StringComparer.Ordinal);

    /// <summary>Every tool name.</summary>
    public static IReadOnlySet<string> All { get; } = RequiredScopes.Keys.ToHashSet(StringComparer.Ordinal);
}
