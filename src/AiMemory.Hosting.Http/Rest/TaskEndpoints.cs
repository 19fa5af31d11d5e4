using System.Globalization;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static AiMemory.Hosting.Http.Rest.RestInput;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>The task routes under <c>/api/task</c>.</summary>
internal static class TaskEndpoints
{
    /// <summary>Maps list, store, search, get, update and delete.</summary>
    public static void Map(RouteGroupBuilder group, string readScope, string writeScope)
    {
        var task = group.MapGroup("/task");
        task.MapGet("/list", ListAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        task.MapPost("/search", SearchAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        task.MapGet("/{id:long}", GetAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        task.MapPost("/store", StoreAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        task.MapPut("/{id:long}", UpdateAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        task.MapDelete("/{id:long}", DeleteAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
    }

    private static async Task<IResult> ListAsync(HttpContext context, IAiMemoryStore store)
    {
        var request = context.Request;
        var query = new TaskQuery(
            Project: QueryText(request, "project", MaxNameLength),
            Category: QueryText(request, "category", MaxNameLength),
            Tags: QueryTags(request),
            Statuses: QueryStatus(request),
            IncludeArchived: string.Equals(request.Query["includeArchived"], "true", StringComparison.OrdinalIgnoreCase),
            Sort: SortOrder.Newest);
        var page = await RestCaller.Store(context, store).Tasks.ListAsync(query, Page(request), context.RequestAborted);
        return RestJson.Json(new PageResponse<TaskItem>(page.Items, page.NextCursor));
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<SearchRequest>(context.Request);
        var query = new TaskQuery(
            Text: Required("query", body.Query, MaxQueryLength),
            Project: Optional("project", body.Project, MaxNameLength),
            Category: Optional("category", body.Category, MaxNameLength),
            Tags: Tags("tags", body.Tags),
            TagMatch: body.TagMatch ?? TagMatch.Any,
            Statuses: body.Statuses,
            MinPriority: Priority("minPriority", body.MinPriority),
            MaxPriority: Priority("maxPriority", body.MaxPriority),
            IncludeArchived: body.IncludeArchived ?? false);
        var page = await RestCaller.Store(context, store).Tasks.SearchAsync(query, Page(body.Limit, body.Cursor), context.RequestAborted);
        return RestJson.Json(new PageResponse<TaskSearchHit>(page.Items, page.NextCursor));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var task = await RestCaller.Store(context, store).Tasks.GetAsync(id, context.RequestAborted)
            ?? throw new RecordNotFoundException("task", id.ToString(CultureInfo.InvariantCulture));
        return RestJson.Json(task);
    }

    private static async Task<IResult> StoreAsync(HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<StoreTaskRequest>(context.Request);
        var draft = new TaskDraft(
            Required("title", body.Title, MaxTitleLength),
            Optional("description", body.Description, MaxDescriptionLength),
            body.Status ?? TaskItemStatus.NotStarted,
            Priority("priority", body.Priority) ?? 3,
            body.DueAt?.ToUniversalTime(),
            Optional("category", body.Category, MaxNameLength),
            Optional("project", body.Project, MaxNameLength),
            Tags("tags", body.Tags),
            Optional("idempotencyKey", body.IdempotencyKey, MaxIdempotencyKeyLength));
        var task = await RestCaller.Store(context, store).Tasks.CreateAsync(draft, context.RequestAborted);
        return RestJson.Json(task, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<UpdateTaskRequest>(context.Request);
        var version = Version(body.Version);
        var changes = new TaskChanges(
            Optional("title", body.Title, MaxTitleLength),
            Optional("description", body.Description, MaxDescriptionLength),
            body.Status,
            Priority("priority", body.Priority),
            body.DueAt?.ToUniversalTime(),
            body.ClearDueAt ?? false,
            body.Archived,
            Optional("category", body.Category, MaxNameLength),
            Optional("project", body.Project, MaxNameLength),
            Tags("tags", body.Tags));
        var task = await RestCaller.Store(context, store).Tasks.UpdateAsync(id, version, changes, context.RequestAborted);
        return RestJson.Json(task);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var version = ParseInt(context.Request, "version");
        await RestCaller.Store(context, store).Tasks.DeleteAsync(id, version, context.RequestAborted);
        return Results.NoContent();
    }

    private static IReadOnlyList<TaskItemStatus>? QueryStatus(HttpRequest request)
    {
        if (!request.Query.TryGetValue("status", out var values))
        {
            return null;
        }

        var statuses = new List<TaskItemStatus>(values.Count);
        foreach (var value in values)
        {
            if (!TaskItemStatusNames.TryParse(value, out var status))
            {
                var valid = string.Join(", ", TaskItemStatusNames.All);
                throw new RestValidationException("status", $"status '{value}' is not one of: {valid}.");
            }

            statuses.Add(status.Value);
        }

        return statuses;
    }
}
