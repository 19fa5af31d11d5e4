using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp.Results;

/// <summary>An item whose stored text counts against the response budget.</summary>
internal interface ISizedItem
{
    /// <summary>Returns the number of characters of stored text the item carries.</summary>
    int TextLength();
}

internal sealed record MemoryView(
    long Id,
    string Title,
    string Content,
    string? Category,
    string? Project,
    IReadOnlyList<string> Tags,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version) : ISizedItem
{
    public static MemoryView From(Memory memory) => new(
        memory.Id,
        memory.Title,
        memory.Content,
        memory.Category,
        memory.Project,
        memory.Tags,
        memory.Priority,
        memory.CreatedAt.ToUniversalTime(),
        memory.UpdatedAt.ToUniversalTime(),
        memory.Version);

    public int TextLength() => Title.Length + Content.Length + Sizes.Of(Category, Project) + Sizes.Of(Tags);
}

internal sealed record MemoryHit(MemoryView Memory, double Rank) : ISizedItem
{
    public int TextLength() => Memory.TextLength();
}

internal sealed record TaskView(
    long Id,
    string Title,
    string? Description,
    TaskStatusValue Status,
    int Priority,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    bool Archived,
    string? Category,
    string? Project,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version) : ISizedItem
{
    public static TaskView From(TaskItem task) => new(
        task.Id,
        task.Title,
        task.Description,
        (TaskStatusValue)task.Status,
        task.Priority,
        task.DueAt?.ToUniversalTime(),
        task.CompletedAt?.ToUniversalTime(),
        task.Archived,
        task.Category,
        task.Project,
        task.Tags,
        task.CreatedAt.ToUniversalTime(),
        task.UpdatedAt.ToUniversalTime(),
        task.Version);

    public int TextLength() => Title.Length + Sizes.Of(Description, Category, Project) + Sizes.Of(Tags);
}

internal sealed record TaskHit(TaskView Task, double Rank) : ISizedItem
{
    public int TextLength() => Task.TextLength();
}

internal sealed record ProjectView(
    long Id,
    string Name,
    string? Description,
    string? Color,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version) : ISizedItem
{
    public static ProjectView From(Project project) => new(
        project.Id,
        project.Name,
        project.Description,
        project.Color,
        project.CreatedAt.ToUniversalTime(),
        project.UpdatedAt.ToUniversalTime(),
        project.Version);

    public int TextLength() => Name.Length + Sizes.Of(Description, Color);
}

internal sealed record CategoryView(
    long Id,
    string Name,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version) : ISizedItem
{
    public static CategoryView From(Category category) => new(
        category.Id,
        category.Name,
        category.Description,
        category.CreatedAt.ToUniversalTime(),
        category.UpdatedAt.ToUniversalTime(),
        category.Version);

    public int TextLength() => Name.Length + Sizes.Of(Description);
}

internal sealed record TagView(string Name, int MemoryCount, int TaskCount) : ISizedItem
{
    public static TagView From(TagUsage tag) => new(tag.Name, tag.MemoryCount, tag.TaskCount);

    public int TextLength() => Name.Length;
}

internal sealed record InstructionView(
    long Id,
    string Title,
    string Content,
    InstructionScopeValue Scope,
    string? Target,
    int Priority,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version) : ISizedItem
{
    public static InstructionView From(AiInstruction instruction) => new(
        instruction.Id,
        instruction.Title,
        instruction.Content,
        (InstructionScopeValue)instruction.Scope,
        instruction.Target,
        instruction.Priority,
        instruction.Active,
        instruction.CreatedAt.ToUniversalTime(),
        instruction.UpdatedAt.ToUniversalTime(),
        instruction.Version);

    public int TextLength() => Title.Length + Content.Length + Sizes.Of(Target);
}

internal static class Sizes
{
    public static int Of(params ReadOnlySpan<string?> texts)
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += text?.Length ?? 0;
        }

        return total;
    }

    public static int Of(IReadOnlyList<string> texts)
    {
        var total = 0;
        foreach (var text in texts)
        {
            total += text.Length;
        }

        return total;
    }
}
