using System.Globalization;
using AiMemory.Core.Mcp;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static AiMemory.Hosting.Http.Rest.RestInput;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>The project routes under <c>/api/project</c>.</summary>
internal static class ProjectEndpoints
{
    /// <summary>Maps list, store, get, update and delete.</summary>
    public static void Map(RouteGroupBuilder group, string readScope, string writeScope)
    {
        var project = group.MapGroup("/project");
        project.MapGet("/list", ListAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        project.MapGet("/{id:long}", GetAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        project.MapPost("/store", StoreAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        project.MapPut("/{id:long}", UpdateAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        project.MapDelete("/{id:long}", DeleteAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
    }

    private static async Task<IResult> ListAsync(HttpContext context, IAiMemoryStore store)
    {
        var page = await RestCaller.Store(context, store).Projects.ListAsync(Page(context.Request), context.RequestAborted);
        return RestJson.Json(new PageResponse<Project>(page.Items, page.NextCursor));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var project = await RestCaller.Store(context, store).Projects.GetAsync(id, context.RequestAborted)
            ?? throw new RecordNotFoundException("project", id.ToString(CultureInfo.InvariantCulture));
        return RestJson.Json(project);
    }

    private static async Task<IResult> StoreAsync(HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<ProjectRequest>(context.Request);
        var draft = new ProjectDraft(
            Required("name", body.Name, MaxNameLength),
            Optional("description", body.Description, MaxDescriptionLength),
            Optional("color", body.Color, FieldLimits.Color));
        var project = await RestCaller.Store(context, store).Projects.CreateAsync(draft, context.RequestAborted);
        return RestJson.Json(project, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<ProjectRequest>(context.Request);
        var version = Version(body.Version);
        var changes = new ProjectChanges(
            Optional("name", body.Name, MaxNameLength),
            Optional("description", body.Description, MaxDescriptionLength),
            Optional("color", body.Color, FieldLimits.Color));
        var project = await RestCaller.Store(context, store).Projects.UpdateAsync(id, version, changes, context.RequestAborted);
        return RestJson.Json(project);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var version = ParseInt(context.Request, "version");
        await RestCaller.Store(context, store).Projects.DeleteAsync(id, version, context.RequestAborted);
        return Results.NoContent();
    }
}
