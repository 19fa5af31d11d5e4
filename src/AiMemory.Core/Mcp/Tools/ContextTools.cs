using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using AiMemory.Security;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>
/// The context tools: what a project holds, what relates to a task or a memory, and which open tasks are most
/// urgent. Each response stays within the response budget and lists what it left out.
/// </summary>
[McpServerToolType]
internal sealed class ContextTools
{
    private static readonly TaskItemStatus[] OpenStatuses = [TaskItemStatus.NotStarted, TaskItemStatus.InProgress, TaskItemStatus.OnHold];

    [McpServerTool(Name = "get_project_context", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Gathers what to know before working on a project: the AI instructions that apply, its most important " +
                 "memories, its open tasks and counts. detail = summary (few items, short text), standard, or full " +
                 "(most items, full text). The response lists what it left out.")]
    public static Task<ProjectContext> GetProjectContext(
        IServiceProvider services,
        [Description("The project name."), StringLength(FieldLimits.Name, MinimumLength = 1)] string project,
        [Description("How much to return.")] DetailLevel detail = DetailLevel.Standard,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var name = call.Required(nameof(project), project, FieldLimits.Name);
            var store = call.Store;
            var found = await store.Projects.FindByNameAsync(name, call.CancellationToken).ConfigureAwait(false)
                        ?? throw Arguments.Missing("project", null, name);

            var shape = ContextShape.For(detail);
            var budget = new BudgetCounter(FieldLimits.ResponseBudget);
            var omitted = new List<string>();

            var instructions = await ApplicableInstructions.LoadAsync(call, found.Name, null, FieldLimits.ResponseBudget / 4)
                .ConfigureAwait(false);
            budget.Spend(instructions.MarkedText.Length * 2);
            if (instructions.Note is not null)
            {
                omitted.Add(instructions.Note);
            }

            var memoryPage = await store.Memories
                .ListAsync(new MemoryQuery(Project: found.Name, Sort: SortOrder.Priority), new PageRequest(shape.Items), call.CancellationToken)
                .ConfigureAwait(false);
            var memories = budget.Take(memoryPage.Items.Select(memory => shape.Shorten(MemoryView.From(memory))), "memories", omitted);

            var taskPage = await store.Tasks
                .ListAsync(
                    new TaskQuery(Project: found.Name, Statuses: OpenStatuses, Sort: SortOrder.Priority),
                    new PageRequest(shape.Items),
                    call.CancellationToken)
                .ConfigureAwait(false);
            var tasks = budget.Take(taskPage.Items.Select(task => shape.Shorten(TaskView.From(task))), "open tasks", omitted);

            var memoryStatistics = await store.Memories.GetStatisticsAsync(call.CancellationToken).ConfigureAwait(false);
            var taskStatistics = await store.Tasks.GetStatisticsAsync(call.CancellationToken).ConfigureAwait(false);
            var now = call.Time.GetUtcNow();
            var statistics = new ProjectStatistics(
                memoryStatistics.ByProject.GetValueOrDefault(found.Name),
                taskStatistics.ByProject.GetValueOrDefault(found.Name),
                tasks.Count,
                tasks.Count(task => task.DueAt < now));

            if (memoryPage.NextCursor is not null)
            {
                omitted.Add($"More memories of '{found.Name}' exist than detail '{shape.Name}' shows ({shape.Items}); " +
                            "read them with list_memories(project).");
            }

            if (taskPage.NextCursor is not null)
            {
                omitted.Add($"More open tasks of '{found.Name}' exist than detail '{shape.Name}' shows ({shape.Items}); " +
                            "read them with list_tasks(project).");
            }

            if (shape.TextLimit is { } limit)
            {
                omitted.Add($"Memory content and task descriptions are cut to {limit} characters at detail '{shape.Name}'; " +
                            "get_memory and get_task return them whole.");
            }

            return new ProjectContext(
                ProjectView.From(found), detail, instructions, memories, tasks, statistics, omitted, call.Removed);
        });

    [McpServerTool(Name = "get_task_context", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Gathers what relates to one task: the AI instructions for its project and category, memories of the " +
                 "same project, with shared tags or matching its title, and other open tasks of the project.")]
    public static Task<TaskContext> GetTaskContext(
        IServiceProvider services,
        [Description("The task id.")][Range(1, long.MaxValue)] long id,
        [Description("How much to return.")] DetailLevel detail = DetailLevel.Standard,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            var task = await call.Store.Tasks.GetAsync(id, call.CancellationToken).ConfigureAwait(false) ?? throw NotFound.Task(id);
            var shape = ContextShape.For(detail);
            var budget = new BudgetCounter(FieldLimits.ResponseBudget);
            var omitted = new List<string>();
            var focus = TaskView.From(task);
            budget.Spend(focus.TextLength());

            var instructions = await ApplicableInstructions
                .LoadAsync(call, task.Project, task.Category, FieldLimits.ResponseBudget / 4)
                .ConfigureAwait(false);
            budget.Spend(instructions.MarkedText.Length * 2);
            if (instructions.Note is not null)
            {
                omitted.Add(instructions.Note);
            }

            var related = await RelatedMemoriesAsync(call, task.Project, task.Tags, task.Title, excludedMemory: null, shape)
                .ConfigureAwait(false);
            var memories = budget.Take(related, "related memories", omitted);
            var tasks = budget.Take(
                await RelatedTasksAsync(call, task.Project, task.Id, shape).ConfigureAwait(false), "related tasks", omitted);
            return new TaskContext(focus, instructions, memories, tasks, omitted);
        });

    [McpServerTool(Name = "get_memory_context", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Gathers what relates to one memory: memories of the same project, with shared tags or matching its " +
                 "title, and open tasks of its project.")]
    public static Task<MemoryContext> GetMemoryContext(
        IServiceProvider services,
        [Description("The memory id.")][Range(1, long.MaxValue)] long id,
        [Description("How much to return.")] DetailLevel detail = DetailLevel.Standard,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            var memory = await call.Store.Memories.GetAsync(id, call.CancellationToken).ConfigureAwait(false) ?? throw NotFound.Memory(id);
            var shape = ContextShape.For(detail);
            var budget = new BudgetCounter(FieldLimits.ResponseBudget);
            var omitted = new List<string>();
            var focus = MemoryView.From(memory);
            budget.Spend(focus.TextLength());

            var related = await RelatedMemoriesAsync(call, memory.Project, memory.Tags, memory.Title, memory.Id, shape)
                .ConfigureAwait(false);
            var memories = budget.Take(related, "related memories", omitted);
            var tasks = budget.Take(
                await RelatedTasksAsync(call, memory.Project, excludedTask: null, shape).ConfigureAwait(false), "related tasks", omitted);
            return new MemoryContext(focus, memories, tasks, omitted);
        });

    [McpServerTool(Name = "get_work_priorities", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Ranks open tasks (not started, in progress, on hold) by urgency: priority x 10, plus 50 and a point per " +
                 "day (at most 30) when overdue, 40 when due within a day, 30 within 3 days, 20 within 7, 10 within 30; " +
                 "plus 5 in progress, minus 15 on hold. Overdue tasks are flagged. Times are UTC.")]
    public static Task<WorkPriorities> GetWorkPriorities(
        IServiceProvider services,
        [Description("Only tasks of this project."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("How many tasks to return.")][Range(1, 50)] int limit = 10,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            Arguments.InRange(nameof(limit), limit, 1, 50);
            var name = call.Optional(nameof(project), project, FieldLimits.Name);
            var now = call.Time.GetUtcNow();
            var scan = await WorkScan.ReadOpenTasksAsync(call, name, OpenStatuses).ConfigureAwait(false);
            var ranked = scan.Tasks
                .Select(task => Urgency.Rank(task, now))
                .OrderByDescending(item => item.Urgency)
                .ThenBy(item => item.Task.DueAt ?? DateTimeOffset.MaxValue)
                .ThenBy(item => item.Task.Id)
                .ToList();

            var omitted = new List<string>();
            var budget = new BudgetCounter(FieldLimits.ResponseBudget);
            var top = budget.Take(ranked.Take(limit), "tasks", omitted);
            if (!scan.Complete)
            {
                omitted.Add($"Only the first {scan.Tasks.Count} open tasks (by priority) were ranked; narrow with project.");
            }

            return new WorkPriorities(now, top, scan.Tasks.Count, scan.Complete, ranked.Count(item => item.Overdue), omitted);
        });

    private static async Task<List<RelatedMemory>> RelatedMemoriesAsync(
        ToolCall call,
        string? project,
        IReadOnlyList<string> tags,
        string title,
        long? excludedMemory,
        ContextShape shape)
    {
        var memories = call.Store.Memories;
        var page = new PageRequest(shape.RelatedItems);
        var seen = new HashSet<long>();
        if (excludedMemory is { } excluded)
        {
            seen.Add(excluded);
        }

        var related = new List<RelatedMemory>();
        void Add(IEnumerable<Memory> found, string reason)
        {
            foreach (var memory in found.Where(memory => seen.Add(memory.Id)))
            {
                related.Add(new RelatedMemory(shape.Shorten(MemoryView.From(memory)), reason));
            }
        }

        if (project is not null)
        {
            var byProject = await memories
                .ListAsync(new MemoryQuery(Project: project, Sort: SortOrder.Priority), page, call.CancellationToken)
                .ConfigureAwait(false);
            Add(byProject.Items, "project");
        }

        if (tags.Count > 0)
        {
            var byTags = await memories
                .ListAsync(new MemoryQuery(Tags: tags, TagMatch: TagMatch.Any, Sort: SortOrder.Priority), page, call.CancellationToken)
                .ConfigureAwait(false);
            Add(byTags.Items, "tags");
        }

        var bySearch = await memories
            .SearchAsync(new MemoryQuery(Text: title), page, call.CancellationToken)
            .ConfigureAwait(false);
        Add(bySearch.Items.Select(hit => hit.Memory), "search");
        return related;
    }

    private static async Task<List<TaskView>> RelatedTasksAsync(ToolCall call, string? project, long? excludedTask, ContextShape shape)
    {
        if (project is null)
        {
            return [];
        }

        var found = await call.Store.Tasks
            .ListAsync(
                new TaskQuery(Project: project, Statuses: OpenStatuses, Sort: SortOrder.Priority),
                new PageRequest(shape.RelatedItems + 1),
                call.CancellationToken)
            .ConfigureAwait(false);
        return found.Items
            .Where(task => task.Id != excludedTask)
            .Take(shape.RelatedItems)
            .Select(task => shape.Shorten(TaskView.From(task)))
            .ToList();
    }
}
