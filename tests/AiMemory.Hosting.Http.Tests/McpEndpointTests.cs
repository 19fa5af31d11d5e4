using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiMemory.Security;
using AiMemory.Security.Keys;
using Microsoft.Extensions.DependencyInjection;
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
        var exception = await Should.ThrowAsync<HttpRequestException>(async () => await ConnectAsync("wrong-key-of-sufficient-length-000"));

        exception.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
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

    [Fact]
    public async Task RawCall_SameIdFromTwoOwnersAtOnce_EachGetsOwnAnswer()
    {
        var administration = _host.Services.GetRequiredService<ApiKeyAdministration>();
        var otherKey = (await administration.CreateAsync("second-owner", "second", AiMemoryScopes.ReadWrite)).Key;
        await StoreAsync(InProcessHost.BootstrapKey, "alpha-owner-note");
        await StoreAsync(otherKey, "beta-owner-note");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(index => ListRawAsync(index % 2 == 0 ? InProcessHost.BootstrapKey : otherKey)));

        for (var index = 0; index < answers.Length; index++)
        {
            var (own, foreign) = index % 2 == 0 ? ("alpha-owner-note", "beta-owner-note") : ("beta-owner-note", "alpha-owner-note");
            answers[index].ShouldContain(own);
            answers[index].ShouldNotContain(foreign);
            answers[index].ShouldContain("\"id\":1");
        }
    }

    private async Task StoreAsync(string key, string title)
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/api/memory/store", JsonContent.Create(new { title, content = "c" }), key);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private async Task<string> ListRawAsync(string key)
    {
        const string Body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_memories","arguments":{}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", key);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
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
