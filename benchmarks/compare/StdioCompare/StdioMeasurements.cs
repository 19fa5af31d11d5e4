using System.Diagnostics;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiMemory.Benchmarks.Compare.Stdio;

/// <summary>Samples of one measurement for both servers, in the unit named by <see cref="Unit"/>.</summary>
internal sealed record ComparisonRow(string Measurement, string Unit, List<double> AiMemory, List<double> Reference, string Note = "");

/// <summary>
/// Runs the measurements against both servers through the same MCP client code. Every loop alternates between the
/// servers call by call (and swaps which goes first each time), so background load on the machine falls on both alike.
/// </summary>
internal sealed class StdioMeasurements(
    MemoryServer aiMemory,
    MemoryServer reference,
    string workDirectory,
    DateTime softDeadline,
    CancellationToken cancellationToken)
{
    // Both servers speak this revision with the initialize handshake. Left unset, the 2.4.0 client first probes for a
    // newer revision and falls back, which would add a round trip that depends on the server.
    private const string ProtocolVersion = "2025-11-25";

    private readonly MemoryServer[] servers = [aiMemory, reference];

    private int sessionNumber;

    /// <summary>The rows measured so far.</summary>
    public List<ComparisonRow> Rows { get; } = [];

    private bool TimeIsUp => DateTime.UtcNow > softDeadline;

    /// <summary>Starts, lists, stores and searches once on each server, so the client's code paths are compiled before timing.</summary>
    public async Task WarmUpAsync()
    {
        foreach (var server in servers)
        {
            var directory = NewDataDirectory(server);
            var started = Stopwatch.GetTimestamp();
            await using var client = await ConnectAsync(server, directory);
            var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
            RequireTool(server, tools, server.StoreTool);
            RequireTool(server, tools, server.SearchTool);
            await CallAsync(client, server, server.StoreTool, server.StoreArguments(MemoryWorkload.Item(0)));
            await CallAsync(client, server, server.SearchTool, server.SearchArguments(MemoryWorkload.CommonWord));
            Console.WriteLine($"  warm-up {server.Name}: {tools.Count} tools, {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
    }

    /// <summary>
    /// Measures process start to the initialize result and to the first tools/list result. Each server reuses one data
    /// folder for all its runs, and the first run of each is a discarded warm-up, so the store already exists when timing.
    /// </summary>
    public async Task MeasureStartupAsync(int runs)
    {
        var initialize = new ComparisonRow("start-up: process start to initialize result", "ms", [], []);
        var listTools = new ComparisonRow("start-up: process start to first tools/list result", "ms", [], []);
        var directories = servers.ToDictionary(server => server, NewDataDirectory);
        for (var run = -1; run < runs && !TimeIsUp; run++)
        {
            foreach (var server in Ordered(run))
            {
                var started = Stopwatch.GetTimestamp();
                await using var client = await ConnectAsync(server, directories[server]);
                var initialized = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var tools = await client.ListToolsAsync(cancellationToken: cancellationToken);
                var listed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                RequireTool(server, tools, server.StoreTool);
                if (run >= 0)
                {
                    Samples(initialize, server).Add(initialized);
                    Samples(listTools, server).Add(listed);
                }
            }
        }

        Rows.Add(initialize);
        Rows.Add(listTools);
    }

    /// <summary>
    /// Measures storing one note per call, after 20 untimed calls on each server: first back to back, then each call
    /// after one second without requests, as when an assistant stores a note now and then.
    /// </summary>
    public async Task MeasureStoreAsync(int calls, int idleCalls)
    {
        const int WarmUpCalls = 20;
        var idleTime = TimeSpan.FromSeconds(1);
        var row = new ComparisonRow(
            "store one note", "ms", [], [], "AiMemory store_memory; reference create_entities with one entity and one observation");
        var idleRow = new ComparisonRow("store one note after 1 s without requests", "ms", [], [], "as above, one call per second");
        var clients = await ConnectAllAsync();
        try
        {
            for (var call = -WarmUpCalls; call < calls && !TimeIsUp; call++)
            {
                foreach (var server in Ordered(call))
                {
                    var item = MemoryWorkload.Item(call + WarmUpCalls);
                    var elapsed = await TimeCallAsync(clients[server], server, server.StoreTool, server.StoreArguments(item));
                    if (call >= 0)
                    {
                        Samples(row, server).Add(elapsed);
                    }
                }
            }

            for (var call = 0; call < idleCalls && !TimeIsUp; call++)
            {
                // Only one server is timed after each pause, so neither call waits on the other server's work.
                foreach (var server in Ordered(call))
                {
                    await Task.Delay(idleTime, cancellationToken);
                    var item = MemoryWorkload.Item(WarmUpCalls + calls + call);
                    Samples(idleRow, server).Add(await TimeCallAsync(clients[server], server, server.StoreTool, server.StoreArguments(item)));
                }
            }
        }
        finally
        {
            await DisposeAllAsync(clients);
        }

        Rows.Add(row);
        if (idleCalls > 0)
        {
            Rows.Add(idleRow);
        }
    }

    /// <summary>
    /// Seeds both servers batch by batch up to each size, then measures searches for the rare and the common word,
    /// after 5 untimed searches of each word on each server.
    /// </summary>
    public async Task MeasureSearchAsync(IReadOnlyList<int> sizes, int searches)
    {
        const int WarmUpSearches = 5;
        var clients = await ConnectAllAsync();
        try
        {
            var stored = 0;
            foreach (var size in sizes)
            {
                if (TimeIsUp)
                {
                    break;
                }

                var seeding = new ComparisonRow(
                    $"seed from {stored:N0} to {size:N0} notes, batches of {MemoryWorkload.SeedBatchSize}", "s", [0.0], [0.0],
                    "AiMemory import_memories; reference create_entities");
                for (var batch = stored; batch < size; batch += MemoryWorkload.SeedBatchSize)
                {
                    var items = MemoryWorkload.Items(batch, batch + MemoryWorkload.SeedBatchSize);
                    foreach (var server in Ordered(batch / MemoryWorkload.SeedBatchSize))
                    {
                        var elapsed = await TimeCallAsync(clients[server], server, server.SeedTool, server.SeedArguments(items));
                        Samples(seeding, server)[0] += elapsed / 1000;
                    }
                }

                stored = size;
                Rows.Add(seeding);
                foreach (var (word, share) in new[] { (MemoryWorkload.RareWord, "1 in 100"), (MemoryWorkload.CommonWord, "1 in 10") })
                {
                    Rows.Add(await MeasureSearchWordAsync(clients, size, word, share, WarmUpSearches, searches));
                }
            }
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    private async Task<ComparisonRow> MeasureSearchWordAsync(
        Dictionary<MemoryServer, McpClient> clients, int size, string word, string share, int warmUpSearches, int searches)
    {
        var row = new ComparisonRow($"search \"{word}\" ({share}) in {size:N0} notes", "ms", [], []);
        var hits = new Dictionary<MemoryServer, int>();
        for (var search = -warmUpSearches; search < searches && !TimeIsUp; search++)
        {
            foreach (var server in Ordered(search))
            {
                var started = Stopwatch.GetTimestamp();
                var result = await CallAsync(clients[server], server, server.SearchTool, server.SearchArguments(word));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                hits[server] = server.CountHits(result);
                if (search >= 0)
                {
                    Samples(row, server).Add(elapsed);
                }
            }
        }

        return row with { Note = $"hits returned: AiMemory {hits.GetValueOrDefault(aiMemory)}, reference {hits.GetValueOrDefault(reference)}" };
    }

    private List<double> Samples(ComparisonRow row, MemoryServer server) => server == aiMemory ? row.AiMemory : row.Reference;

    // Even rounds start with AiMemory and odd rounds with the reference, so neither always runs right after the other.
    private IEnumerable<MemoryServer> Ordered(int round) => round % 2 == 0 ? servers : servers.Reverse();

    private string NewDataDirectory(MemoryServer server)
    {
        var directory = Path.Combine(workDirectory, $"{++sessionNumber:00}-{server.Name}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    private async Task<McpClient> ConnectAsync(MemoryServer server, string dataDirectory)
    {
        var transportOptions = server.Transport(dataDirectory);
        transportOptions.ShutdownTimeout = TimeSpan.FromSeconds(5);
        transportOptions.StandardErrorLines = line => ServerErrors.Add(server.Name, line);
        var transport = new StdioClientTransport(transportOptions);
        var options = new McpClientOptions
        {
            ProtocolVersion = ProtocolVersion,
            ClientInfo = new Implementation { Name = "aimemory-stdio-compare", Version = "1.0" },
        };
        return await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
    }

    private async Task<Dictionary<MemoryServer, McpClient>> ConnectAllAsync()
    {
        var clients = new Dictionary<MemoryServer, McpClient>();
        foreach (var server in servers)
        {
            clients[server] = await ConnectAsync(server, NewDataDirectory(server));
        }

        return clients;
    }

    private static async Task DisposeAllAsync(Dictionary<MemoryServer, McpClient> clients)
    {
        foreach (var client in clients.Values)
        {
            await client.DisposeAsync();
        }
    }

    private async Task<double> TimeCallAsync(McpClient client, MemoryServer server, string tool, Dictionary<string, object?> arguments)
    {
        var started = Stopwatch.GetTimestamp();
        await CallAsync(client, server, tool, arguments);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private async Task<CallToolResult> CallAsync(McpClient client, MemoryServer server, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        if (result.IsError == true)
        {
            var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(block => block.Text));
            throw new InvalidOperationException($"{server.Name} {tool} returned an error: {text}");
        }

        return result;
    }

    private static void RequireTool(MemoryServer server, IList<McpClientTool> tools, string name)
    {
        if (!tools.Any(tool => tool.Name == name))
        {
            throw new InvalidOperationException($"{server.Name} does not list the tool {name}, which the comparison calls.");
        }
    }
}
