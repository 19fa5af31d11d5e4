using AiMemory.Security;
using AiMemory.Security.Authentication;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Stands in for the security pipeline when <see cref="AiMemoryHttpOptions.SecurityPipelineEnabled"/> is off: every
/// request acts for <see cref="AiMemoryHttpOptions.UnprotectedOwner"/> with every scope. Only tests and benchmarks
/// switch the pipeline off, to measure what it costs.
/// </summary>
internal sealed class UnprotectedCallerMiddleware(RequestDelegate next)
{
    private static readonly CallerIdentity Caller = new(AiMemoryHttpOptions.UnprotectedOwner, "unprotected", AiMemoryScopes.All);

    /// <summary>Sets the fixed caller and continues.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        context.User = Caller.ToPrincipal();
        return next(context);
    }
}
