using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using AiMemory.Security;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>The category tools: create, list, read, update and delete.</summary>
[McpServerToolType]
internal sealed class CategoryTools
{
    [McpServerTool(Name = "create_category", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Creates a category, or returns the existing one of that name. Memories, tasks and instructions can then name it.")]
    public static Task<WriteResult<CategoryView>> CreateCategory(
        IServiceProvider services,
        [Description("The category name, unique per owner."), StringLength(FieldLimits.Name, MinimumLength = 1)] string name,
        [Description("What the category holds."), StringLength(FieldLimits.Description)] string? description = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            var draft = new CategoryDraft(
                call.Required(nameof(name), name, FieldLimits.Name),
                call.Optional(nameof(description), description, FieldLimits.Description));
            var category = await call.Store.Categories.CreateAsync(draft, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<CategoryView>(CategoryView.From(category), call.Removed);
        });

    [McpServerTool(Name = "list_categories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Lists categories by name. Paged: pass nextCursor to continue.")]
    public static Task<PageResult<CategoryView>> ListCategories(
        IServiceProvider services,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var categories = call.Store.Categories;
            var found = await categories.ListAsync(page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                CategoryView.From,
                kept => categories.ListAsync(page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "get_category", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Reads one category by id or by name (give exactly one).")]
    public static Task<ItemResult<CategoryView>> GetCategory(
        IServiceProvider services,
        [Description("The category id.")][Range(1, long.MaxValue)] long? id = null,
        [Description("The category name."), StringLength(FieldLimits.Name)] string? name = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var categories = call.Store.Categories;
            var category = await (Arguments.IdOrName(id, name) switch
            {
                long key => categories.GetAsync(key, call.CancellationToken),
                _ => categories.FindByNameAsync(call.Required(nameof(name), name, FieldLimits.Name), call.CancellationToken),
            }).ConfigureAwait(false);
            return new ItemResult<CategoryView>(CategoryView.From(category ?? throw Arguments.Missing("category", id, name)));
        });

    [McpServerTool(Name = "update_category", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Renames a category or changes its description. Pass the version you read; a category changed since then is not updated.")]
    public static Task<WriteResult<CategoryView>> UpdateCategory(
        IServiceProvider services,
        [Description("The category id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read.")][Range(1, int.MaxValue)] int version,
        [Description("A new name."), StringLength(FieldLimits.Name)] string? name = null,
        [Description("A new description."), StringLength(FieldLimits.Description)] string? description = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            var changes = new CategoryChanges(
                name is null ? null : call.Required(nameof(name), name, FieldLimits.Name),
                call.Optional(nameof(description), description, FieldLimits.Description));
            var category = await call.Store.Categories.UpdateAsync(id, version, changes, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<CategoryView>(CategoryView.From(category), call.Removed);
        });

    [McpServerTool(Name = "delete_category", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Deletes a category. Its memories and tasks stay and lose the link to it.")]
    public static Task<DeleteResult> DeleteCategory(
        IServiceProvider services,
        [Description("The category id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read; omit to delete whatever version is stored.")][Range(1, int.MaxValue)] int? version = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            await call.Store.Categories.DeleteAsync(id, version, call.CancellationToken).ConfigureAwait(false);
            return new DeleteResult("category", id.ToString(CultureInfo.InvariantCulture), Deleted: true);
        });
}
