using AiMemory.Core.Storage;
using AiMemory.Hosting.Http.Pipeline;
using AiMemory.Security.Authentication;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>The caller of a REST request: the owner's data view, reached through the authenticated identity.</summary>
internal static class RestCaller
{
    /// <summary>
    /// Opens the owner store of the authenticated caller. The pipeline authenticates before any route runs, so a
    /// missing identity is a wiring error, not a client error.
    /// </summary>
    public static IOwnerStore Store(HttpContext context, IAiMemoryStore store)
    {
        var identity = CallerIdentity.FromPrincipal(context.User)
            ?? throw new InvalidOperationException("The request reached a route without an authenticated caller.");
        return store.ForOwner(identity.Owner);
    }

    /// <summary>An endpoint filter that responds 403 with a problem naming <paramref name="scope"/> when the key lacks it.</summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> RequireScope(string scope) =>
        async (context, next) =>
        {
            var identity = CallerIdentity.FromPrincipal(context.HttpContext.User);
            if (identity is not null && identity.HasScope(scope))
            {
                return await next(context);
            }

            await ProblemResponses.WriteAsync(
                context.HttpContext,
                StatusCodes.Status403Forbidden,
                "Missing scope",
                $"The API key lacks the scope '{scope}' that this request needs.",
                new Dictionary<string, object?> { ["requiredScope"] = scope });
            return Results.Empty;
        };
}
