using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using AiMemory.Security;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>The memory tools: store, search, list, read, update, delete, statistics, export and import.</summary>
[McpServerToolType]
internal sealed class MemoryTools
{
    [McpServerTool(Name = "store_memory", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Stores a new memory: a fact, decision, preference or note worth keeping across conversations. " +
                 "Give an idempotencyKey to make retries safe. Returns the stored memory and any characters the sanitiser removed.")]
    public static Task<WriteResult<MemoryView>> StoreMemory(
        IServiceProvider services,
        [Description("A short title."), StringLength(FieldLimits.Title, MinimumLength = 1)] string title,
        [Description("The text to remember."), StringLength(FieldLimits.Content, MinimumLength = 1)] string content,
        [Description("A category name; created on first use."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("A project name; created on first use."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Tags, each at most 64 characters."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        [Description("Importance from 1 (lowest) to 5 (highest).")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int priority = 3,
        [Description("A key of your choice; storing again with the same key returns the first memory instead of a duplicate."),
         StringLength(FieldLimits.IdempotencyKey)] string? idempotencyKey = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Priority(nameof(priority), priority);
            var draft = new MemoryDraft(
                call.Required(nameof(title), title, FieldLimits.Title),
                call.Required(nameof(content), content, FieldLimits.Content),
                call.Optional(nameof(category), category, FieldLimits.Name),
                call.Optional(nameof(project), project, FieldLimits.Name),
                call.Tags(nameof(tags), tags),
                priority,
                call.Optional(nameof(idempotencyKey), idempotencyKey, FieldLimits.IdempotencyKey));

            var memory = await call.Store.Memories.CreateAsync(draft, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<MemoryView>(MemoryView.From(memory), call.Removed);
        });

    [McpServerTool(Name = "search_memories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Searches memories by full text, best match first, with optional filters. Use it to recall what was " +
                 "stored about a subject. Operator characters in the query are taken literally. Paged: pass nextCursor to continue.")]
    public static Task<PageResult<MemoryHit>> SearchMemories(
        IServiceProvider services,
        [Description("The words to find."), StringLength(FieldLimits.Query, MinimumLength = 1)] string query,
        [Description("Only memories of this project."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Only memories of this category."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("Only memories with these tags."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        [Description("Whether a memory needs any or all of the tags.")] TagMatchValue tagMatch = TagMatchValue.Any,
        [Description("Lowest priority to include.")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int? minPriority = null,
        [Description("The order of results.")] SortValue sort = SortValue.Relevance,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var filter = MemoryFilter(call, project, category, tags, tagMatch, minPriority, sort) with
            {
                Text = call.Required(nameof(query), query, FieldLimits.Query),
            };

            var memories = call.Store.Memories;
            var found = await memories.SearchAsync(filter, page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                hit => new MemoryHit(MemoryView.From(hit.Memory), hit.Rank),
                kept => memories.SearchAsync(filter, page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "list_memories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Lists memories with optional filters by project, category, tags and priority, newest first unless " +
                 "sort says otherwise. Use it to browse; use search_memories to find by words. Paged: pass nextCursor to continue.")]
    public static Task<PageResult<MemoryView>> ListMemories(
        IServiceProvider services,
        [Description("Only memories of this project."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Only memories of this category."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("Only memories with these tags."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        [Description("Whether a memory needs any or all of the tags.")] TagMatchValue tagMatch = TagMatchValue.Any,
        [Description("Lowest priority to include.")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int? minPriority = null,
        [Description("The order of results.")] SortValue sort = SortValue.Newest,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var filter = MemoryFilter(call, project, category, tags, tagMatch, minPriority, sort);
            var memories = call.Store.Memories;
            var found = await memories.ListAsync(filter, page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                MemoryView.From,
                kept => memories.ListAsync(filter, page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "get_memory", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Reads one memory by id, with its version (needed by update_memory and delete_memory).")]
    public static Task<ItemResult<MemoryView>> GetMemory(
        IServiceProvider services,
        [Description("The memory id.")][Range(1, long.MaxValue)] long id,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            var memory = await call.Store.Memories.GetAsync(id, call.CancellationToken).ConfigureAwait(false)
                         ?? throw NotFound.Memory(id);
            return new ItemResult<MemoryView>(MemoryView.From(memory));
        });

    [McpServerTool(Name = "update_memory", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Changes fields of a memory. Pass the version you read; a memory changed since then is not updated " +
                 "and the error says to read it again. Omitted fields stay; an empty category or project clears it; " +
                 "tags replace the whole list.")]
    public static Task<WriteResult<MemoryView>> UpdateMemory(
        IServiceProvider services,
        [Description("The memory id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read.")][Range(1, int.MaxValue)] int version,
        [Description("A new title."), StringLength(FieldLimits.Title)] string? title = null,
        [Description("New text."), StringLength(FieldLimits.Content)] string? content = null,
        [Description("A new category; empty clears it."), StringLength(FieldLimits.Name)] string? category = null,
        [Description("A new project; empty clears it."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("The new tag list; empty removes every tag."), StringLength(FieldLimits.MaxTags)] string[]? tags = null,
        [Description("A new priority from 1 to 5.")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int? priority = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            Arguments.Priority(nameof(priority), priority);
            var changes = new MemoryChanges(
                title is null ? null : call.Required(nameof(title), title, FieldLimits.Title),
                content is null ? null : call.Required(nameof(content), content, FieldLimits.Content),
                call.Optional(nameof(category), category, FieldLimits.Name),
                call.Optional(nameof(project), project, FieldLimits.Name),
                call.Tags(nameof(tags), tags),
                priority);

            var memory = await call.Store.Memories.UpdateAsync(id, version, changes, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<MemoryView>(MemoryView.From(memory), call.Removed);
        });

    [McpServerTool(Name = "delete_memory", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Deletes a memory for good. Pass version to delete only if nobody changed it since you read it.")]
    public static Task<DeleteResult> DeleteMemory(
        IServiceProvider services,
        [Description("The memory id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read; omit to delete whatever version is stored.")][Range(1, int.MaxValue)] int? version = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            await call.Store.Memories.DeleteAsync(id, version, call.CancellationToken).ConfigureAwait(false);
            return new DeleteResult("memory", id.ToString(System.Globalization.CultureInfo.InvariantCulture), Deleted: true);
        });

    [McpServerTool(Name = "get_memory_stats", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Counts memories in total, by category, by project and by priority, and those created or updated in the last seven days.")]
    public static Task<MemoryStatisticsResult> GetMemoryStats(
        IServiceProvider services,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
            StatisticsLimits.Shorten(await call.Store.Memories.GetStatisticsAsync(call.CancellationToken).ConfigureAwait(false)));

    [McpServerTool(Name = "export_memories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Exports memories page by page, oldest first, in the form import_memories accepts. Call again with " +
                 "cursor = nextCursor until nextCursor is null.")]
    public static Task<PageResult<MemoryView>> ExportMemories(
        IServiceProvider services,
        [Description("Only memories of this project."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.MaxLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var filter = new MemoryQuery(Project: call.Optional(nameof(project), project, FieldLimits.Name), Sort: SortOrder.Oldest);
            var memories = call.Store.Memories;
            var found = await memories.ListAsync(filter, page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                MemoryView.From,
                kept => memories.ListAsync(filter, page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "import_memories", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Imports up to 100 memories (the items of an export_memories page) in one transaction: all or " +
                 "nothing. Ids are kept when free; a memory whose id and creation time are already stored is not duplicated.")]
    public static Task<ImportSummary> ImportMemories(
        IServiceProvider services,
        [Description("The memories to import."), MinLength(1), MaxLength(FieldLimits.MaxBatch)] MemoryImportItem[] memories,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Count(nameof(memories), memories, 1, FieldLimits.MaxBatch);
            var now = call.Time.GetUtcNow();
            var records = new List<Memory>(memories.Length);
            for (var index = 0; index < memories.Length; index++)
            {
                records.Add(memories[index].ToMemory($"memories[{index}]", call, now));
            }

            var export = new OwnerExport(Storage.Sql.OwnerTransfer.FormatVersion, now, [], [], records, [], []);
            var result = await call.Store.ImportAsync(export, call.CancellationToken).ConfigureAwait(false);
            return new ImportSummary(records.Count, result.Created, result.Unchanged, call.Removed);
        });

    private static MemoryQuery MemoryFilter(
        ToolCall call,
        string? project,
        string? category,
        string[]? tags,
        TagMatchValue tagMatch,
        int? minPriority,
        SortValue sort)
    {
        Arguments.Priority(nameof(minPriority), minPriority);
        return new MemoryQuery(
            Project: call.Optional(nameof(project), project, FieldLimits.Name),
            Category: call.Optional(nameof(category), category, FieldLimits.Name),
            Tags: call.Tags(nameof(tags), tags),
            TagMatch: (TagMatch)tagMatch,
            MinPriority: minPriority,
            Sort: (SortOrder)sort);
    }
}
