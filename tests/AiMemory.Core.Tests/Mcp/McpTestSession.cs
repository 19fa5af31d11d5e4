using System.IO.Pipelines;
using System.Security.Claims;
using System.Text.Json;
using AiMemory.Core.Mcp;
using AiMemory.Core.Storage;
using AiMemory.Security;
using AiMemory.Security.Authentication;
using AiMemory.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiMemory.Core.Tests.Mcp;

/// <summary>
/// An AiMemory MCP server on the real SQLite store, in this process, with an MCP client connected to it over a
/// pair of pipes. The server runs as the given caller through <see cref="IAmbientCallerIdentity"/>.
/// </summary>
public sealed class McpTestSession : IAsyncDisposable
{
    /// <summary>The fixed start of the fake clock: a Monday, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions WithoutNulls =
        new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly IHost _host;
    private readonly TemporaryDirectory? _folder;

    private McpTestSession(IHost host, McpClient client, FakeTimeProvider time, TemporaryDirectory? folder)
    {
        _host = host;
        Client = client;
        Time = time;
        _folder = folder;
    }

    public McpClient Client { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _host.Services;

    public FakeTimeProvider Time { get; }

    /// <summary>The caller of an ordinary read and write key of owner <c>alice</c>.</summary>
    public static CallerIdentity Alice { get; } = new("alice", "key-alice", AiMemoryScopes.ReadWrite);

    /// <summary>
    /// Starts a server as <paramref name="caller"/> (default: <see cref="Alice"/> with every scope) on the SQLite
    /// file at <paramref name="databasePath"/>, or on a new file in a temporary folder when it is <see langword="null"/>.
    /// With <paramref name="principal"/>, every request carries that user, as the HTTP host's requests do, and no
    /// ambient identity is registered; <paramref name="withoutIdentity"/> registers neither. With
    /// <paramref name="unreachableDatabaseUrl"/>, the store is a PostgreSQL server that cannot be reached.
    /// </summary>
    public static async Task<McpTestSession> StartAsync(
        CallerIdentity? caller = null,
        string? databasePath = null,
        bool withoutIdentity = false,
        ClaimsPrincipal? principal = null,
        string? unreachableDatabaseUrl = null)
    {
        caller ??= Alice with { Scopes = AiMemoryScopes.All };
        var folder = databasePath is null ? new TemporaryDirectory() : null;
        databasePath ??= folder!.Combine("aimemory.db");
        var time = new FakeTimeProvider(Start);

        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddAiMemory(options =>
        {
            options.SqlitePath = databasePath;
            options.DatabaseUrl = unreachableDatabaseUrl;
            options.ApplyMigrationsOnStart = unreachableDatabaseUrl is null;
        });
        if (!withoutIdentity && principal is null)
        {
            builder.Services.AddSingleton<IAmbientCallerIdentity>(new FixedAmbientCallerIdentity(caller));
        }

        builder.Services
            .AddMcpServer()
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .WithAiMemoryTools()
            .WithMessageFilters(filters => filters.AddIncomingFilter(next => async (context, cancellationToken) =>
            {
                if (principal is not null)
                {
                    context.User = principal;
                }

                await next(context, cancellationToken);
            }));

        var host = builder.Build();
        if (unreachableDatabaseUrl is null)
        {
            await host.Services.GetRequiredService<IAiMemoryStore>().MigrateAsync();
        }

        await host.StartAsync();
        var client = await McpClient.CreateAsync(
            new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));
        return new McpTestSession(host, client, time, folder);
    }

    /// <summary>Calls a tool with the properties of <paramref name="arguments"/> (null ones left out) and returns the raw result.</summary>
    public async Task<CallToolResult> CallAsync(string tool, object? arguments = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments, WithoutNulls))!;
        return await Client.CallToolAsync(tool, values);
    }

    /// <summary>Calls a tool that must succeed and returns its structured content.</summary>
    public async Task<JsonElement> CallOkAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        result.IsError.ShouldNotBe(true, $"{tool} failed: {Text(result)}");
        result.StructuredContent.ShouldNotBeNull($"{tool} returned no structured content");
        return result.StructuredContent.Value;
    }

    /// <summary>Calls a tool that must fail and returns its error message.</summary>
    public async Task<string> CallErrorAsync(string tool, object? arguments = null)
    {
        var result = await CallAsync(tool, arguments);
        result.IsError.ShouldBe(true, $"{tool} succeeded but should have failed: {Text(result)}");
        return Text(result);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
        _folder?.Dispose();
    }

    private static string Text(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
