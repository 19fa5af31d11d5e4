namespace AiMemory.Core.Mcp.Results;

/// <summary>Counts about one project.</summary>
/// <param name="Memories">Memories of the project.</param>
/// <param name="Tasks">Tasks of the project, archived ones included.</param>
/// <param name="OpenTasksShown">Open tasks (not started, in progress, on hold) in this response.</param>
/// <param name="OverdueTasksShown">Open tasks in this response whose due time has passed.</param>
internal sealed record ProjectStatistics(int Memories, int Tasks, int OpenTasksShown, int OverdueTasksShown);

/// <summary>What a project holds, at the requested level of detail, and what was left out.</summary>
internal sealed record ProjectContext(
    ProjectView Project,
    DetailLevel Detail,
    InstructionSet Instructions,
    IReadOnlyList<MemoryView> Memories,
    IReadOnlyList<TaskView> OpenTasks,
    ProjectStatistics Statistics,
    IReadOnlyList<string> Omitted,
    IReadOnlyList<string> Sanitized);

/// <summary>A memory related to the item in focus, and why: <c>project</c>, <c>tags</c> or <c>search</c>.</summary>
internal sealed record RelatedMemory(MemoryView Memory, string Reason) : ISizedItem
{
    public int TextLength() => Memory.TextLength();
}

/// <summary>A task, its instructions and the memories and tasks related to it.</summary>
internal sealed record TaskContext(
    TaskView Task,
    InstructionSet Instructions,
    IReadOnlyList<RelatedMemory> RelatedMemories,
    IReadOnlyList<TaskView> RelatedTasks,
    IReadOnlyList<string> Omitted);

/// <summary>A memory and the memories and tasks related to it.</summary>
internal sealed record MemoryContext(
    MemoryView Memory,
    IReadOnlyList<RelatedMemory> RelatedMemories,
    IReadOnlyList<TaskView> RelatedTasks,
    IReadOnlyList<string> Omitted);

/// <summary>An open task ranked by urgency.</summary>
/// <param name="Urgency">Higher is more urgent; see get_work_priorities for how it is computed.</param>
/// <param name="HoursUntilDue">Hours from now to the due time, negative when overdue; <see langword="null"/> without one.</param>
/// <param name="Reasons">What raised or lowered the urgency, such as <c>overdue by 2 days</c>.</param>
internal sealed record WorkPriority(TaskView Task, int Urgency, bool Overdue, double? HoursUntilDue, IReadOnlyList<string> Reasons)
    : ISizedItem
{
    public int TextLength() => Task.TextLength();
}

/// <summary>The most urgent open tasks at <see cref="Now"/> (UTC).</summary>
/// <param name="Considered">Open tasks that were ranked.</param>
/// <param name="Complete">Whether every open task was ranked; false when there were more than the scan limit.</param>
internal sealed record WorkPriorities(
    DateTimeOffset Now,
    IReadOnlyList<WorkPriority> Tasks,
    int Considered,
    bool Complete,
    int Overdue,
    IReadOnlyList<string> Omitted);
