using AiMemory.Security;
using AiMemory.Security.Authentication;

namespace AiMemory.Core.Tests.Mcp;

/// <summary>The callers the MCP tests run as.</summary>
internal static class Identities
{
    public static CallerIdentity Bob { get; } = new("bob", "key-bob", AiMemoryScopes.All);

    public static CallerIdentity AliceReadOnly { get; } = new("alice", "key-alice-read", [AiMemoryScopes.Read]);

    public static CallerIdentity AliceReadWrite { get; } = McpTestSession.Alice;
}
