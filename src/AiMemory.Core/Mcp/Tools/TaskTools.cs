using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using AiMemory.Security;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>The task tools: create, list, search, read, update, complete, archive, delete, statistics, export and batch create.</summary>
[McpServerToolType]
internal sealed class TaskTools
{
    [McpServerTool(Name = "create_task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Creates a task with an optional description, status, priority, due time, project, category and tags. " +
                 "Give an idempotencyKey to make retries safe.")]
    public static Task<WriteResult<TaskView>> CreateTask(
        IServiceProvider services,
        [Description("A short title."), StringLength(FieldLimits.Title, MinimumLength = 1)] string title,
        [Description("What the task is about."), StringLength(FieldLimits.Description)] string? description = null,
        [Description("The status.")] TaskStatusValue status = TaskStatusValue.NotStarted,
        [Description("Importance from 1 (lowest) to 5 (highest).")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int priority = 3,
        [Description("The due time, ISO 8601 such as 2026-01-31T17:00:00Z; stored in UTC.")] DateTimeOffset? dueAt = null,
        [Description("A category name; created on first use."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("A project name; created on first use."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Tags, each at most 64 characters."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        [Description("A key of your choice; creating again with the same key returns the first task."),
         StringLength(FieldLimits.IdempotencyKey)] string? idempotencyKey = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            var input = new TaskInput(title, description, status, priority, dueAt, category, project, tags, idempotencyKey);
            var task = await call.Store.Tasks.CreateAsync(input.ToDraft("", call), call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<TaskView>(TaskView.From(task), call.Removed);
        });

    [McpServerTool(Name = "batch_create_tasks", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Creates up to 100 tasks in one transaction: all or none. Use it to enter a plan at once.")]
    public static Task<BatchResult> BatchCreateTasks(
        IServiceProvider services,
        [Description("The tasks to create."), MinLength(1), MaxLength(FieldLimits.MaxBatch)] TaskInput[] tasks,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Count(nameof(tasks), tasks, 1, FieldLimits.MaxBatch);
            var drafts = tasks.Select((task, index) => task.ToDraft($"tasks[{index}]", call)).ToList();
            var created = await call.Store.Tasks.CreateManyAsync(drafts, call.CancellationToken).ConfigureAwait(false);
            return new BatchResult(created.Select(task => new CreatedRecord(task.Id, task.Title, task.Version)).ToList(), created.Count, call.Removed);
        });

    [McpServerTool(Name = "list_tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Lists tasks with optional filters by status, project, category, tags, priority and due time; archived " +
                 "tasks only when asked. Paged: pass nextCursor to continue.")]
    public static Task<PageResult<TaskView>> ListTasks(
        IServiceProvider services,
        [Description("Only tasks with one of these statuses."), MaxLength(5)] TaskStatusValue[]? statuses = null,
        [Description("Only tasks of this project."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Only tasks of this category."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("Only tasks with these tags."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        [Description("Whether a task needs any or all of the tags.")] TagMatchValue tagMatch = TagMatchValue.Any,
        [Description("Lowest priority to include.")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int? minPriority = null,
        [Description("Only tasks due before this time (ISO 8601).")] DateTimeOffset? dueBefore = null,
        [Description("Include archived tasks.")] bool includeArchived = false,
        [Description("The order of results.")] SortValue sort = SortValue.Newest,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var filter = TaskFilter(call, statuses, project, category, tags, tagMatch, minPriority, dueBefore, includeArchived, sort);
            var store = call.Store.Tasks;
            var found = await store.ListAsync(filter, page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                TaskView.From,
                kept => store.ListAsync(filter, page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "search_tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Searches task titles and descriptions by full text, best match first, with the same filters as " +
                 "list_tasks. Paged: pass nextCursor to continue.")]
    public static Task<PageResult<TaskHit>> SearchTasks(
        IServiceProvider services,
        [Description("The words to find."), StringLength(FieldLimits.Query, MinimumLength = 1)] string query,
        [Description("Only tasks with one of these statuses."), MaxLength(5)] TaskStatusValue[]? statuses = null,
        [Description("Only tasks of this project."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Only tasks of this category."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("Only tasks with these tags."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        [Description("Whether a task needs any or all of the tags.")] TagMatchValue tagMatch = TagMatchValue.Any,
        [Description("Include archived tasks.")] bool includeArchived = false,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var filter = TaskFilter(call, statuses, project, category, tags, tagMatch, null, null, includeArchived, SortValue.Relevance)
                with { Text = call.Required(nameof(query), query, FieldLimits.Query) };
            var store = call.Store.Tasks;
            var found = await store.SearchAsync(filter, page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                hit => new TaskHit(TaskView.From(hit.Task), hit.Rank),
                kept => store.SearchAsync(filter, page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "get_task", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Reads one task by id, with its version (needed by update_task and the other changes).")]
    public static Task<ItemResult<TaskView>> GetTask(
        IServiceProvider services,
        [Description("The task id.")][Range(1, long.MaxValue)] long id,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            var task = await call.Store.Tasks.GetAsync(id, call.CancellationToken).ConfigureAwait(false) ?? throw NotFound.Task(id);
            return new ItemResult<TaskView>(TaskView.From(task));
        });

    [McpServerTool(Name = "update_task", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Changes fields of a task. Pass the version you read; a task changed since then is not updated. " +
                 "Omitted fields stay; an empty category or project clears it; clearDueAt removes the due time.")]
    public static Task<WriteResult<TaskView>> UpdateTask(
        IServiceProvider services,
        [Description("The task id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read.")][Range(1, int.MaxValue)] int version,
        [Description("A new title."), StringLength(FieldLimits.Title)] string? title = null,
        [Description("A new description."), StringLength(FieldLimits.Description)] string? description = null,
        [Description("A new status.")] TaskStatusValue? status = null,
        [Description("A new priority from 1 to 5.")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int? priority = null,
        [Description("A new due time (ISO 8601).")] DateTimeOffset? dueAt = null,
        [Description("Remove the due time.")] bool clearDueAt = false,
        [Description("A new category; empty clears it."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("A new project; empty clears it."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("The new tag list; empty removes every tag."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Priority(nameof(priority), priority);
            if (clearDueAt && dueAt is not null)
            {
                throw new ModelContextProtocol.McpException("Pass either 'dueAt' or 'clearDueAt', not both.");
            }

            var changes = new TaskChanges(
                title is null ? null : call.Required(nameof(title), title, FieldLimits.Title),
                call.Optional(nameof(description), description, FieldLimits.Description),
                (TaskItemStatus?)status,
                priority,
                Arguments.Utc(dueAt),
                clearDueAt,
                Archived: null,
                call.Optional(nameof(category), category, FieldLimits.Name),
                call.Optional(nameof(project), project, FieldLimits.Name),
                call.Tags(nameof(tags), tags));
            return await UpdateAsync(call, id, version, changes).ConfigureAwait(false);
        });

    [McpServerTool(Name = "complete_task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Marks a task completed; the store records when. Pass the version you read.")]
    public static Task<WriteResult<TaskView>> CompleteTask(
        IServiceProvider services,
        [Description("The task id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read.")][Range(1, int.MaxValue)] int version,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, call =>
            UpdateAsync(call, id, version, new TaskChanges(Status: TaskItemStatus.Completed)));

    [McpServerTool(Name = "archive_task", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Archives a task, or restores it with archived = false. Archived tasks are left out of lists unless asked for.")]
    public static Task<WriteResult<TaskView>> ArchiveTask(
        IServiceProvider services,
        [Description("The task id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read.")][Range(1, int.MaxValue)] int version,
        [Description("True to archive, false to restore.")] bool archived = true,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, call =>
            UpdateAsync(call, id, version, new TaskChanges(Archived: archived)));

    [McpServerTool(Name = "delete_task", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Deletes a task for good; archive_task keeps it instead. Pass version to delete only an unchanged task.")]
    public static Task<DeleteResult> DeleteTask(
        IServiceProvider services,
        [Description("The task id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read; omit to delete whatever version is stored.")][Range(1, int.MaxValue)] int? version = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            await call.Store.Tasks.DeleteAsync(id, version, call.CancellationToken).ConfigureAwait(false);
            return new DeleteResult("task", id.ToString(CultureInfo.InvariantCulture), Deleted: true);
        });

    [McpServerTool(Name = "get_task_stats", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Counts tasks in total, by status, by project and by priority, and the overdue, archived and recently completed ones.")]
    public static Task<TaskStatisticsResult> GetTaskStats(
        IServiceProvider services,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
            StatisticsLimits.Shorten(await call.Store.Tasks.GetStatisticsAsync(call.CancellationToken).ConfigureAwait(false)));

    [McpServerTool(Name = "export_tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Exports tasks, archived ones included, page by page, oldest first. Call again with cursor = nextCursor " +
                 "until nextCursor is null.")]
    public static Task<PageResult<TaskView>> ExportTasks(
        IServiceProvider services,
        [Description("Only tasks of this project."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.MaxLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var filter = new TaskQuery(
                Project: call.Optional(nameof(project), project, FieldLimits.Name),
                IncludeArchived: true,
                Sort: SortOrder.Oldest);
            var store = call.Store.Tasks;
            var found = await store.ListAsync(filter, page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                TaskView.From,
                kept => store.ListAsync(filter, page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    private static async Task<WriteResult<TaskView>> UpdateAsync(ToolCall call, long id, int version, TaskChanges changes)
    {
        Arguments.Id(nameof(id), id);
        Arguments.Version(nameof(version), version);
        var task = await call.Store.Tasks.UpdateAsync(id, version, changes, call.CancellationToken).ConfigureAwait(false);
        return new WriteResult<TaskView>(TaskView.From(task), call.Removed);
    }

    private static TaskQuery TaskFilter(
        ToolCall call,
        TaskStatusValue[]? statuses,
        string? project,
        string? category,
        string[]? tags,
        TagMatchValue tagMatch,
        int? minPriority,
        DateTimeOffset? dueBefore,
        bool includeArchived,
        SortValue sort)
    {
        Arguments.Priority(nameof(minPriority), minPriority);
        return new TaskQuery(
            Project: call.Optional(nameof(project), project, FieldLimits.Name),
            Category: call.Optional(nameof(category), category, FieldLimits.Name),
            Tags: call.Tags(nameof(tags), tags),
            TagMatch: (TagMatch)tagMatch,
            Statuses: statuses?.Distinct().Select(status => (TaskItemStatus)status).ToList(),
            MinPriority: minPriority,
            DueBefore: Arguments.Utc(dueBefore),
            IncludeArchived: includeArchived,
            Sort: (SortOrder)sort);
    }
}
