namespace AiMemory.Core.Mcp;

/// <summary>
/// The names of the AiMemory MCP tools. They are fixed in snake_case and kept from the earlier AiMemory server, so
/// prompts written for it keep working.
/// </summary>
public static class AiMemoryToolNames
{
    /// <summary>Every tool name, grouped by area.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "store_memory", "search_memories", "list_memories", "get_memory", "update_memory", "delete_memory",
        "get_memory_stats", "export_memories", "import_memories",
        "create_task", "list_tasks", "search_tasks", "get_task", "update_task", "complete_task", "archive_task",
        "delete_task", "get_task_stats", "export_tasks", "batch_create_tasks",
        "create_project", "list_projects", "get_project", "update_project", "delete_project",
        "create_category", "list_categories", "get_category", "update_category", "delete_category",
        "list_statuses", "list_tags", "delete_tag",
        "get_project_context", "get_task_context", "get_memory_context", "get_work_priorities",
        "create_ai_instruction", "list_ai_instructions", "get_ai_instructions", "update_ai_instruction",
        "delete_ai_instruction", "batch_create_ai_instructions",
    };
}
