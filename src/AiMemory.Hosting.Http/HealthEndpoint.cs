using AiMemory.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiMemory.Hosting.Http;

/// <summary>
/// <c>GET /health</c>: <c>{"status":"ok"}</c>, or 503 <c>{"status":"unavailable"}</c> while the store does not respond.
/// It needs no key, counts against no quota and tells nothing else (no version, no routes).
/// </summary>
internal static class HealthEndpoint
{
    /// <summary>The path of the health check.</summary>
    public const string Path = "/health";

    private static readonly byte[] Ok = """{"status":"ok"}"""u8.ToArray();
    private static readonly byte[] Unavailable = """{"status":"unavailable"}"""u8.ToArray();

    /// <summary>Maps the route.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, WriteStatusAsync).ExcludeFromDescription();

    private static async Task WriteStatusAsync(HttpContext context, IAiMemoryStore store)
    {
        var available = await store.IsAvailableAsync(context.RequestAborted);
        var body = available ? Ok : Unavailable;
        context.Response.StatusCode = available ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Checks whether a request is for the health check.</summary>
    public static bool IsHealthRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);
}
