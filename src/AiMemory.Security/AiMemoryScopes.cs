namespace AiMemory.Security;

/// <summary>
/// The permission scopes an API key can carry.
/// </summary>
public static class AiMemoryScopes
{
    /// <summary>Reads memories, tasks, projects, categories, tags and AI instructions.</summary>
    public const string Read = "memory:read";

    /// <summary>Creates, updates and deletes memories, tasks, projects, categories and tags.</summary>
    public const string Write = "memory:write";

    /// <summary>Creates, updates and deletes AI instructions. Ordinary read and write keys lack it.</summary>
    public const string WriteInstructions = "instructions:write";

    /// <summary>Creates, lists, revokes and rotates API keys.</summary>
    public const string AdministerKeys = "keys:admin";

    /// <summary>The scopes of an ordinary key: read and write, without AI instructions or key administration.</summary>
    public static IReadOnlyList<string> ReadWrite { get; } = [Read, Write];

    /// <summary>Every scope that exists.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write, WriteInstructions, AdministerKeys];

    /// <summary>Checks that a scope name is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
