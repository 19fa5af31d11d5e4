using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using AiMemory.Core.Mcp;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using AiMemory.Security;
using AiMemory.Security.Authentication;
using AiMemory.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiMemory.Reliability.Tests.Support;

/// <summary>
/// An AiMemory MCP server on a real SQLite file in this process, reachable two ways: as raw bytes on the wire (one
/// JSON-RPC message a line, written exactly as given, so a test can send what no client library would), and
/// through an <see cref="McpClient"/> on a second server over the same file.
/// </summary>
internal sealed class McpWireSession : IAsyncDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(20);

    private readonly TemporaryDirectory _folder;
    private readonly IHost _host;
    private readonly Stream _toServer;
    private readonly StreamReader _fromServer;
    private int _nextId = 100;

    private McpWireSession(TemporaryDirectory folder, IHost host, Stream toServer, StreamReader fromServer)
    {
        _folder = folder;
        _host = host;
        _toServer = toServer;
        _fromServer = fromServer;
    }

    /// <summary>The caller every request runs as: owner <c>alice</c> with every scope.</summary>
    public static CallerIdentity Caller { get; } = new("alice", "key-alice", AiMemoryScopes.All);

    /// <summary>The store behind the server.</summary>
    public IAiMemoryStore Store => _host.Services.GetRequiredService<IAiMemoryStore>();

    /// <summary>Starts the server and completes the MCP handshake on the wire.</summary>
    public static async Task<McpWireSession> StartAsync()
    {
        var folder = new TemporaryDirectory();
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var host = BuildHost(folder.Combine("aimemory.db"), clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), Caller);
        await host.Services.GetRequiredService<IAiMemoryStore>().MigrateAsync();
        await host.StartAsync();

        var session = new McpWireSession(
            folder, host, clientToServer.Writer.AsStream(), new StreamReader(serverToClient.Reader.AsStream(), Encoding.UTF8));
        await session.SendAsync(Encoding.UTF8.GetBytes(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"wire","version":"1.0"}}}"""));
        (await session.ReadResponseAsync(1)).ShouldNotBeNull("the server did not answer initialize");
        await session.SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray());
        return session;
    }

    /// <summary>Starts a second server on the same SQLite file and connects an MCP client to it.</summary>
    public async Task<(McpClient Client, IAsyncDisposable Server)> ConnectClientAsync()
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var host = BuildHost(_folder.Combine("aimemory.db"), clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream(), Caller);
        await host.StartAsync();
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));
        return (client, new HostStopper(host, client));
    }

    /// <summary>
    /// Sends a tools/call whose <c>arguments</c> value is <paramref name="argumentsJson"/> byte for byte, and returns the
    /// response, or <see langword="null"/> when none came within the timeout.
    /// </summary>
    public Task<JsonElement?> CallRawAsync(string tool, byte[] argumentsJson)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":{{id}},"method":"tools/call","params":{"name":"{{tool}}","arguments":""")
            .Concat(argumentsJson)
            .Concat("}}"u8.ToArray())
            .ToArray();
        return SendAndReadAsync(message, id);
    }

    /// <summary>Sends one whole message line as given and returns the response with the given id, if any.</summary>
    public async Task<JsonElement?> SendAndReadAsync(byte[] message, int id)
    {
        await SendAsync(message);
        return await ReadResponseAsync(id);
    }

    /// <summary>Returns everything the owner has, for comparing before and after.</summary>
    public async Task<string> ExportAsync()
    {
        var export = await Store.ForOwner(Caller.Owner).ExportAsync();
        return JsonSerializer.Serialize(export with { ExportedAt = default });
    }

    /// <summary>Returns the next free request id.</summary>
    public int NextId() => Interlocked.Increment(ref _nextId);

    public async ValueTask DisposeAsync()
    {
        await _toServer.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        _folder.Dispose();
    }

    private async Task SendAsync(byte[] message)
    {
        await _toServer.WriteAsync(message);
        await _toServer.WriteAsync("\n"u8.ToArray());
        await _toServer.FlushAsync();
    }

    private async Task<JsonElement?> ReadResponseAsync(int id)
    {
        using var timeout = new CancellationTokenSource(ResponseTimeout);
        try
        {
            while (await _fromServer.ReadLineAsync(timeout.Token) is { } line)
            {
                using var document = JsonDocument.Parse(line);
                // A message the server cannot parse gets an error response without an id.
                var hasId = document.RootElement.TryGetProperty("id", out var responseId);
                var matches = hasId && responseId.ValueKind == JsonValueKind.Number && responseId.GetInt32() == id;
                var unparsed = (!hasId || responseId.ValueKind == JsonValueKind.Null) && document.RootElement.TryGetProperty("error", out _);
                if (matches || unparsed)
                {
                    return document.RootElement.Clone();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    private static IHost BuildHost(string databasePath, Stream input, Stream output, CallerIdentity caller)
    {
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Services.AddAiMemory(options => options.SqlitePath = databasePath);
        builder.Services.AddSingleton<IAmbientCallerIdentity>(new FixedAmbientCallerIdentity(caller));
        builder.Services.AddMcpServer().WithStreamServerTransport(input, output).WithAiMemoryTools();
        return builder.Build();
    }

    private sealed class HostStopper(IHost host, McpClient client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await client.DisposeAsync();
            await host.StopAsync();
            host.Dispose();
        }
    }
}
