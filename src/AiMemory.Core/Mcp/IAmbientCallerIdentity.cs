using AiMemory.Security.Authentication;

namespace AiMemory.Core.Mcp;

/// <summary>
/// The caller of a host that has no per-request authentication, such as the stdio host: the process is started by
/// one user, so the identity is fixed at start-up. The MCP tools use it only when the request carries no
/// <see cref="CallerIdentity"/> principal; a host that authenticates each request (the HTTP host) must not
/// register it, so that an unauthenticated request is rejected instead of running as the ambient caller.
/// </summary>
public interface IAmbientCallerIdentity
{
    /// <summary>The identity every request of this process acts as, or <see langword="null"/> when none is established.</summary>
    CallerIdentity? Current { get; }
}

/// <summary>An <see cref="IAmbientCallerIdentity"/> that returns one identity fixed at construction.</summary>
/// <param name="identity">The identity every request acts as.</param>
public sealed class FixedAmbientCallerIdentity(CallerIdentity identity) : IAmbientCallerIdentity
{
    /// <inheritdoc/>
    public CallerIdentity? Current { get; } = identity ?? throw new ArgumentNullException(nameof(identity));
}
