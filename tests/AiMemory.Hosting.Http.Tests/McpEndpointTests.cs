using System.Text.Json;
using ModelContextProtocol.Client;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>The MCP endpoint through the SDK client, in process, behind the whole pipeline.</summary>
public sealed class McpEndpointTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CallTool_StoreThenSearch_FindsMemory()
    {
        await using var client = await ConnectAsync(InProcessHost.BootstrapKey);

        var tools = await client.ListToolsAsync();
        tools.Select(tool => tool.Name).ShouldContain("search_memories");

        var stored = await client.CallToolAsync("store_memory", new Dictionary<string, object?> { ["title"] = "Kestrel", ["content"] = "TLS on port 3000" });
        stored.IsError.ShouldNotBe(true);

        var found = await client.CallToolAsync("search_memories", new Dictionary<string, object?> { ["query"] = "Kestrel" });
        found.IsError.ShouldNotBe(true);
        JsonSerializer.Serialize(found.StructuredContent).ShouldContain("TLS on port 3000");
    }

    [Fact]
    public async Task Connect_WrongKey_Fails()
    {
        await Should.ThrowAsync<Exception>(async () => await ConnectAsync("wrong-key-of-sufficient-length-000"));
    }

    [Fact]
    public async Task CallTool_PipelineOff_ActsForFixedOwner()
    {
        await using var unprotected = await InProcessHost.StartAsync(configure: options => options.SecurityPipelineEnabled = false);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(unprotected.Client.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp },
            unprotected.Client,
            ownsHttpClient: false);
        await using var client = await McpClient.CreateAsync(transport);

        var result = await client.CallToolAsync("list_memories", new Dictionary<string, object?>());

        result.IsError.ShouldNotBe(true);
    }

    private async Task<McpClient> ConnectAsync(string key)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(_host.Client.BaseAddress!, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["X-API-Key"] = key },
            },
            _host.Client,
            ownsHttpClient: false);
        return await McpClient.CreateAsync(transport);
    }
}
