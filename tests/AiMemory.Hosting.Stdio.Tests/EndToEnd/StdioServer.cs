using System.Collections.Concurrent;
using ModelContextProtocol.Client;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>The built stdio sample, started as a child process and driven by the MCP SDK client over its pipes.</summary>
internal sealed class StdioServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _stderr;

    private StdioServer(McpClient client, ConcurrentQueue<string> stderr)
    {
        Client = client;
        _stderr = stderr;
    }

    /// <summary>The connected client.</summary>
    public McpClient Client { get; }

    /// <summary>The lines the server wrote to stderr so far.</summary>
    public string StandardError => string.Join('\n', _stderr);

    /// <summary>Starts the server in <paramref name="environment"/> and completes the MCP handshake.</summary>
    /// <param name="protocolVersion">The protocol version the client requests, or <see langword="null"/> for the client's default.</param>
    public static async Task<StdioServer> StartAsync(
        ServerEnvironment environment,
        string? protocolVersion = null,
        CancellationToken cancellationToken = default)
    {
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(CreateOptions(environment, stderr));
        var clientOptions = new McpClientOptions { ProtocolVersion = protocolVersion };
        try
        {
            var client = await McpClient.CreateAsync(transport, clientOptions, cancellationToken: cancellationToken);
            return new StdioServer(client, stderr);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The stdio server did not start. Its stderr:\n{string.Join('\n', stderr)}", exception);
        }
    }

    /// <summary>The transport options that start the built sample with <c>dotnet aimemory-stdio.dll</c>, or the native executable.</summary>
    public static StdioClientTransportOptions CreateOptions(ServerEnvironment environment, ConcurrentQueue<string> stderr) => new()
    {
        Name = "aimemory-stdio",
        Command = StdioServerExecutable.Command,
        Arguments = StdioServerExecutable.Arguments,
        WorkingDirectory = environment.WorkingDirectory,
        EnvironmentVariables = environment.Variables,
        StandardErrorLines = stderr.Enqueue,
        ShutdownTimeout = TimeSpan.FromSeconds(10),
    };

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
