using System.Security.Claims;
using AiMemory.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace AiMemory.Core.Mcp;

/// <summary>Finds who is calling a tool, resource or prompt, and checks the scope it needs.</summary>
internal static class CallerResolver
{
    /// <summary>
    /// Returns the caller: the <see cref="CallerIdentity"/> carried by <paramref name="user"/> (the HTTP host sets it
    /// per request), otherwise the registered <see cref="IAmbientCallerIdentity"/> (the stdio host sets it at
    /// start-up). An authenticated principal without an identity never falls back to the ambient one.
    /// </summary>
    /// <exception cref="McpException">No identity is available, or it lacks <paramref name="requiredScope"/>.</exception>
    public static CallerIdentity Resolve(ClaimsPrincipal? user, IServiceProvider services, string requiredScope)
    {
        var identity = CallerIdentity.FromPrincipal(user);
        if (identity is null && user?.Identity?.IsAuthenticated != true)
        {
            identity = services.GetService<IAmbientCallerIdentity>()?.Current;
        }

        if (identity is null)
        {
            throw new McpException("Unauthorized: the request carries no AiMemory caller identity. Authenticate with an API key.");
        }

        if (!identity.HasScope(requiredScope))
        {
            throw new McpException(
                $"Forbidden: this operation needs the '{requiredScope}' scope, which the caller's key does not grant.");
        }

        return identity;
    }
}
