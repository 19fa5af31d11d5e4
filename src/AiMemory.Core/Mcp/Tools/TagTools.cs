using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using AiMemory.Security;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>The tools for tags and the fixed list of task statuses.</summary>
[McpServerToolType]
internal sealed class TagTools
{
    private static readonly StatusList Statuses = new(
        Enum.GetValues<TaskStatusValue>(),
        [
            new(TaskStatusValue.NotStarted, "Planned; no work has begun."),
            new(TaskStatusValue.InProgress, "Being worked on."),
            new(TaskStatusValue.Completed, "Done; complete_task sets it and records the time."),
            new(TaskStatusValue.Cancelled, "Dropped; will not be done."),
            new(TaskStatusValue.OnHold, "Paused; waiting for something."),
        ]);

    [McpServerTool(Name = "list_statuses", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Lists the task statuses that create_task, update_task and the task filters accept, with their meaning.")]
    public static Task<StatusList> ListStatuses(
        IServiceProvider services,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, _ => Task.FromResult(Statuses));

    [McpServerTool(Name = "list_tags", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Lists tags by name with how many memories and tasks carry each. Paged: pass nextCursor to continue.")]
    public static Task<PageResult<TagView>> ListTags(
        IServiceProvider services,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var tags = call.Store.Tags;
            var found = await tags.ListAsync(page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                TagView.From,
                kept => tags.ListAsync(page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "delete_tag", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Deletes a tag and removes it from every memory and task that carries it.")]
    public static Task<DeleteResult> DeleteTag(
        IServiceProvider services,
        [Description("The tag name."), StringLength(FieldLimits.Tag, MinimumLength = 1)] string name,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            var tag = call.Required(nameof(name), name, FieldLimits.Tag);
            var deleted = await call.Store.Tags.DeleteAsync(tag, call.CancellationToken).ConfigureAwait(false);
            return deleted
                ? new DeleteResult("tag", tag, Deleted: true)
                : throw new McpException($"tag '{tag}' was not found.");
        });
}
