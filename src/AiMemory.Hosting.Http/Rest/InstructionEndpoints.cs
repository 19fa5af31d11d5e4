using System.Globalization;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static AiMemory.Hosting.Http.Rest.RestInput;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>
/// The AI instruction routes under <c>/api/instruction</c>. Reading needs the read scope; writing needs the
/// instructions scope, which ordinary read/write keys lack, because stored instructions steer the assistant.
/// </summary>
internal static class InstructionEndpoints
{
    /// <summary>Maps list, store, get, update and delete.</summary>
    public static void Map(RouteGroupBuilder group, string readScope, string writeScope)
    {
        var instruction = group.MapGroup("/instruction");
        instruction.MapGet("/list", ListAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        instruction.MapGet("/{id:long}", GetAsync).AddEndpointFilter(RestCaller.RequireScope(readScope));
        instruction.MapPost("/store", StoreAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        instruction.MapPut("/{id:long}", UpdateAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
        instruction.MapDelete("/{id:long}", DeleteAsync).AddEndpointFilter(RestCaller.RequireScope(writeScope));
    }

    private static async Task<IResult> ListAsync(HttpContext context, IAiMemoryStore store)
    {
        var request = context.Request;
        var query = new InstructionQuery(
            Scope: ParseScope(request.Query["scope"].ToString()),
            Target: QueryText(request, "target", MaxNameLength),
            ActiveOnly: !string.Equals(request.Query["includeInactive"], "true", StringComparison.OrdinalIgnoreCase));
        var page = await RestCaller.Store(context, store).Instructions.ListAsync(query, Page(request), context.RequestAborted);
        return RestJson.Json(new PageResponse<AiInstruction>(page.Items, page.NextCursor));
    }

    private static async Task<IResult> GetAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var instruction = await RestCaller.Store(context, store).Instructions.GetAsync(id, context.RequestAborted)
            ?? throw new RecordNotFoundException("instruction", id.ToString(CultureInfo.InvariantCulture));
        return RestJson.Json(instruction);
    }

    private static async Task<IResult> StoreAsync(HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<InstructionRequest>(context.Request);
        var draft = new AiInstructionDraft(
            Required("title", body.Title, MaxTitleLength),
            Required("content", body.Content, MaxContentLength),
            body.Scope ?? InstructionScope.Global,
            Optional("target", body.Target, MaxNameLength),
            Priority("priority", body.Priority) ?? 3,
            body.Active ?? true,
            Optional("idempotencyKey", body.IdempotencyKey, MaxIdempotencyKeyLength));
        var instruction = await RestCaller.Store(context, store).Instructions.CreateAsync(draft, context.RequestAborted);
        return RestJson.Json(instruction, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var body = await RestJson.ReadBodyAsync<InstructionRequest>(context.Request);
        var version = Version(body.Version);
        var changes = new AiInstructionChanges(
            Optional("title", body.Title, MaxTitleLength),
            Optional("content", body.Content, MaxContentLength),
            body.Scope,
            Optional("target", body.Target, MaxNameLength),
            Priority("priority", body.Priority),
            body.Active);
        var instruction = await RestCaller.Store(context, store).Instructions.UpdateAsync(id, version, changes, context.RequestAborted);
        return RestJson.Json(instruction);
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, IAiMemoryStore store)
    {
        var version = ParseInt(context.Request, "version");
        await RestCaller.Store(context, store).Instructions.DeleteAsync(id, version, context.RequestAborted);
        return Results.NoContent();
    }

    private static InstructionScope? ParseScope(string value) => value switch
    {
        "" => null,
        "global" => InstructionScope.Global,
        "project" => InstructionScope.Project,
        "category" => InstructionScope.Category,
        _ => throw new RestValidationException("scope", $"scope '{value}' is not one of: global, project, category."),
    };
}
