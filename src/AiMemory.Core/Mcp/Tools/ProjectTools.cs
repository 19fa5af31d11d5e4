using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using AiMemory.Security;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>The project tools: create, list, read, update and delete.</summary>
[McpServerToolType]
internal sealed class ProjectTools
{
    [McpServerTool(Name = "create_project", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Creates a project, or returns the existing one of that name. Memories, tasks and instructions can then name it.")]
    public static Task<WriteResult<ProjectView>> CreateProject(
        IServiceProvider services,
        [Description("The project name, unique per owner."), StringLength(FieldLimits.Name, MinimumLength = 1)] string name,
        [Description("What the project is."), StringLength(FieldLimits.Description)] string? description = null,
        [Description("A display colour such as #3366ff."), StringLength(FieldLimits.Color)] string? color = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            var draft = new ProjectDraft(
                call.Required(nameof(name), name, FieldLimits.Name),
                call.Optional(nameof(description), description, FieldLimits.Description),
                call.Optional(nameof(color), color, FieldLimits.Color));
            var project = await call.Store.Projects.CreateAsync(draft, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<ProjectView>(ProjectView.From(project), call.Removed);
        });

    [McpServerTool(Name = "list_projects", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Lists projects by name. Paged: pass nextCursor to continue.")]
    public static Task<PageResult<ProjectView>> ListProjects(
        IServiceProvider services,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var projects = call.Store.Projects;
            var found = await projects.ListAsync(page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                ProjectView.From,
                kept => projects.ListAsync(page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "get_project", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Reads one project by id or by name (give exactly one).")]
    public static Task<ItemResult<ProjectView>> GetProject(
        IServiceProvider services,
        [Description("The project id.")][Range(1, long.MaxValue)] long? id = null,
        [Description("The project name."), StringLength(FieldLimits.Name)] string? name = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var projects = call.Store.Projects;
            var project = await (Arguments.IdOrName(id, name) switch
            {
                long key => projects.GetAsync(key, call.CancellationToken),
                _ => projects.FindByNameAsync(call.Required(nameof(name), name, FieldLimits.Name), call.CancellationToken),
            }).ConfigureAwait(false);
            return new ItemResult<ProjectView>(ProjectView.From(project ?? throw Arguments.Missing("project", id, name)));
        });

    [McpServerTool(Name = "update_project", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Renames a project or changes its description or colour. Pass the version you read; a project changed since then is not updated.")]
    public static Task<WriteResult<ProjectView>> UpdateProject(
        IServiceProvider services,
        [Description("The project id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read.")][Range(1, int.MaxValue)] int version,
        [Description("A new name."), StringLength(FieldLimits.Name)] string? name = null,
        [Description("A new description."), StringLength(FieldLimits.Description)] string? description = null,
        [Description("A new colour."), StringLength(FieldLimits.Color)] string? color = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            var changes = new ProjectChanges(
                name is null ? null : call.Required(nameof(name), name, FieldLimits.Name),
                call.Optional(nameof(description), description, FieldLimits.Description),
                call.Optional(nameof(color), color, FieldLimits.Color));
            var project = await call.Store.Projects.UpdateAsync(id, version, changes, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<ProjectView>(ProjectView.From(project), call.Removed);
        });

    [McpServerTool(Name = "delete_project", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Deletes a project. Its memories and tasks stay and lose the link to it.")]
    public static Task<DeleteResult> DeleteProject(
        IServiceProvider services,
        [Description("The project id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read; omit to delete whatever version is stored.")][Range(1, int.MaxValue)] int? version = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Write, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            await call.Store.Projects.DeleteAsync(id, version, call.CancellationToken).ConfigureAwait(false);
            return new DeleteResult("project", id.ToString(CultureInfo.InvariantCulture), Deleted: true);
        });
}
