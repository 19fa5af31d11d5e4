using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiMemory.Benchmarks.Compare.Stdio;

/// <summary>A stdio memory server under test: how to start it with its own data, and which tool calls store and search.</summary>
internal abstract class MemoryServer
{
    /// <summary>The name shown in the results.</summary>
    public abstract string Name { get; }

    /// <summary>The tool that stores one note.</summary>
    public abstract string StoreTool { get; }

    /// <summary>The tool that stores a batch of notes.</summary>
    public abstract string SeedTool { get; }

    /// <summary>The tool that searches by text.</summary>
    public abstract string SearchTool { get; }

    /// <summary>Returns the transport options for a server that keeps its data in <paramref name="dataDirectory"/>.</summary>
    public abstract StdioClientTransportOptions Transport(string dataDirectory);

    public abstract Dictionary<string, object?> StoreArguments(MemoryItem item);

    public abstract Dictionary<string, object?> SeedArguments(IReadOnlyList<MemoryItem> items);

    public abstract Dictionary<string, object?> SearchArguments(string word);

    /// <summary>Returns the number of hits in a search result, or -1 when the result has no structured content.</summary>
    public abstract int CountHits(CallToolResult result);

    protected static int CountArray(CallToolResult result, string property) =>
        result.StructuredContent is { ValueKind: JsonValueKind.Object } content &&
        content.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.GetArrayLength()
            : -1;
}

/// <summary>
/// The published Native AOT <c>aimemory-stdio</c> over its embedded SQLite store. HOME and XDG_DATA_HOME point into the
/// data folder, so each new data folder gets a new database file. The settings that would select another store or
/// require a key are removed from the environment.
/// </summary>
internal sealed class AiMemoryServer(string executable) : MemoryServer
{
    public override string Name => "AiMemory";

    public override string StoreTool => "store_memory";

    public override string SeedTool => "import_memories";

    public override string SearchTool => "search_memories";

    public override StdioClientTransportOptions Transport(string dataDirectory) => new()
    {
        Name = Name,
        Command = executable,
        Arguments = [],
        WorkingDirectory = dataDirectory,
        EnvironmentVariables = new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(dataDirectory, "home"),
            ["XDG_DATA_HOME"] = Path.Combine(dataDirectory, "data"),
            ["API_KEY"] = null,
            ["DATABASE_URL"] = null,
            ["LOG_FILE"] = null,
            ["LOG_LEVEL"] = null,
        },
    };

    public override Dictionary<string, object?> StoreArguments(MemoryItem item) => new()
    {
        ["title"] = item.Title,
        ["content"] = item.Content,
    };

    // import_memories keeps the given ids when they are free, and ids far above those of store_memory keep the two apart.
    public override Dictionary<string, object?> SeedArguments(IReadOnlyList<MemoryItem> items) => new()
    {
        ["memories"] = items.Select(item => new Dictionary<string, object?>
        {
            ["id"] = 1_000_000 + item.Id,
            ["title"] = item.Title,
            ["content"] = item.Content,
        }).ToList(),
    };

    public override Dictionary<string, object?> SearchArguments(string word) => new() { ["query"] = word };

    public override int CountHits(CallToolResult result) => CountArray(result, "items");
}

/// <summary>
/// The Node.js reference server <c>@modelcontextprotocol/server-memory</c>, which keeps its knowledge graph in the
/// JSON Lines file named by MEMORY_FILE_PATH. A note becomes one entity of type "note" with the text as its only
/// observation.
/// </summary>
internal sealed class ReferenceServer(string node, string script) : MemoryServer
{
    public override string Name => "reference";

    public override string StoreTool => "create_entities";

    public override string SeedTool => "create_entities";

    public override string SearchTool => "search_nodes";

    public override StdioClientTransportOptions Transport(string dataDirectory) => new()
    {
        Name = Name,
        Command = node,
        Arguments = [script],
        WorkingDirectory = dataDirectory,
        EnvironmentVariables = new Dictionary<string, string?>
        {
            ["MEMORY_FILE_PATH"] = Path.Combine(dataDirectory, "memory.jsonl"),
        },
    };

    public override Dictionary<string, object?> StoreArguments(MemoryItem item) => new()
    {
        ["entities"] = new[] { Entity(item) },
    };

    public override Dictionary<string, object?> SeedArguments(IReadOnlyList<MemoryItem> items) => new()
    {
        ["entities"] = items.Select(Entity).ToList(),
    };

    public override Dictionary<string, object?> SearchArguments(string word) => new() { ["query"] = word };

    public override int CountHits(CallToolResult result) => CountArray(result, "entities");

    private static Dictionary<string, object?> Entity(MemoryItem item) => new()
    {
        ["name"] = item.Title,
        ["entityType"] = "note",
        ["observations"] = new[] { item.Content },
    };
}
