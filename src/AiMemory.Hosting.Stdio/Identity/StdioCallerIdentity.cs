using AiMemory.Core.Mcp;
using AiMemory.Security.Authentication;

namespace AiMemory.Hosting.Stdio.Identity;

/// <summary>
/// The caller every request of this process acts as. A stdio request carries no credentials, so the identity is
/// decided once at start-up, from <c>API_KEY</c> or as the local owner, and set here before the first message is read.
/// </summary>
internal sealed class StdioCallerIdentity : IAmbientCallerIdentity
{
    private CallerIdentity? _current;

    /// <inheritdoc/>
    public CallerIdentity? Current => Volatile.Read(ref _current);

    /// <summary>Sets the identity. It is set once; a second, different identity is a programming error.</summary>
    /// <exception cref="InvalidOperationException">A different identity was already set.</exception>
    public void Set(CallerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);

        var previous = Interlocked.CompareExchange(ref _current, identity, null);
        if (previous is not null && previous != identity)
        {
            throw new InvalidOperationException("The stdio caller identity is set once, at start-up.");
        }
    }
}
