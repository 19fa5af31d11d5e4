using System.Globalization;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static AiMemory.Hosting.Http.Rest.RestInput;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>The memory routes under <c>/api/memory</c>.</summary>
internal static class MemoryEndpoints
{
    /// <summary>Maps list, store, search, get, update and delete.</summary>
    public static void Map(RouteGroupBuilder group, string readScope, string writeScope)
    {
        var memory = group.MapGroup("/memory");
        memory.MapGet("/list", ListAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        memory.MapPost("/search", SearchAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        memory.MapGet("/{id:long}", GetAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        memory.MapPost("/store", StoreAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        memory.MapPut("/{id:long}", UpdateAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        memory.MapDelete("/{id:long}", DeleteAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
    }

    private static async Task<IResult> ListAsync(HttpContext context, IAiMemoryStore store)
    {
        var request = context.Request;
        var query = new MemoryQuery(
            Project: QueryText(request, "project", MaxNameLength),
            Category: QueryText(request, "category", MaxNameLength),
            Tags: QueryTags(request),
            Sort: SortOrder.Newest);
        var page = await RestCaller.Store(context, store).Memories.ListAsync(query, Page(request), context.RequestAborted);
        return RestJson.Json(new PageResponse<Memory>(page.Items, page.NextCursor));
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<SearchRequest>(context.Request);
        var query = new MemoryQuery(
            Text: Required("query", body.Query, MaxQueryLength),
            Project: Optional("project", body.Project, MaxNameLength),
            Category: Optional("category", body.Category, MaxNameLength),
            Tags: Tags("tags", body.Tags),
            TagMatch: body.TagMatch ?? TagMatch.Any,
            MinPriority: Priority("minPriority", body.MinPriority),
            MaxPriority: Priority("maxPriority", body.MaxPriority));
        var page = await RestCaller.Store(context, store).Memories.SearchAsync(query, Page(body.Limit, body.Cursor), context.RequestAborted);
        return RestJson.Json(new PageResponse<MemorySearchHit>(page.Items, page.NextCursor));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var memory = await RestCaller.Store(context, store).Memories.GetAsync(id, context.RequestAborted)
            ?? throw new RecordNotFoundException("memory", id.ToString(CultureInfo.InvariantCulture));
        return RestJson.Json(memory);
    }

    private static async Task<IResult> StoreAsync(HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<StoreMemoryRequest>(context.Request);
        var draft = new MemoryDraft(
            Required("title", body.Title, MaxTitleLength),
            Required("content", body.Content, MaxContentLength),
            Optional("category", body.Category, MaxNameLength),
            Optional("project", body.Project, MaxNameLength),
            Tags("tags", body.Tags),
            Priority("priority", body.Priority) ?? 3,
            Optional("idempotencyKey", body.IdempotencyKey, MaxIdempotencyKeyLength));
        var memory = await RestCaller.Store(context, store).Memories.CreateAsync(draft, context.RequestAborted);
        return RestJson.Json(memory, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<UpdateMemoryRequest>(context.Request);
        var version = Version(body.Version);
        var changes = new MemoryChanges(
            Optional("title", body.Title, MaxTitleLength),
            Optional("content", body.Content, MaxContentLength),
            Optional("category", body.Category, MaxNameLength),
            Optional("project", body.Project, MaxNameLength),
            Tags("tags", body.Tags),
            Priority("priority", body.Priority));
        var memory = await RestCaller.Store(context, store).Memories.UpdateAsync(id, version, changes, context.RequestAborted);
        return RestJson.Json(memory);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var version = ParseInt(context.Request, "version");
        await RestCaller.Store(context, store).Memories.DeleteAsync(id, version, context.RequestAborted);
        return Results.NoContent();
    }
}
