using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiMemory.Reliability.Tests.HostileInput;
using AiMemory.Reliability.Tests.Support;

namespace AiMemory.Reliability.Tests.Hosting;

/// <summary>
/// The raw MCP cases of <see cref="McpHostileInputTests"/> posted to <c>/mcp</c> on the HTTPS
/// sample process: each gets a 4xx or a refusal result with a clear message, and the store is unchanged.
/// </summary>
public sealed class McpOverHttpsHostileInputTests : IAsyncLifetime
{
    private HttpsSample _sample = null!;
    private HttpClient _client = null!;

    public static TheoryData<string, string, byte[]> RejectedArguments() => McpHostileInputTests.RejectedArguments();

    public async Task InitializeAsync()
    {
        _sample = await HttpsSample.StartAsync(databaseUrl: null);
        _client = _sample.CreateClient();
        using var seed = await _client.SendAsync(HttpsSample.Send(
            HttpMethod.Post, "/api/memory/store", """{"title":"Seed","content":"Every case must leave this alone."}"""));
        ((int)seed.StatusCode).ShouldBeInRange(200, 201);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sample.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(RejectedArguments))]
    public async Task McpPost_HostileArguments_RejectedStoreUnchanged(string caseName, string tool, byte[] arguments)
    {
        var before = await SnapshotAsync();
        using var request = HttpsSample.Send(HttpMethod.Post, "/mcp");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
        request.Content = new ByteArrayContent(
        [
            .. Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"{{tool}}","arguments":"""),
            .. arguments,
            .. "}}"u8,
        ]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).ShouldBeLessThan(500, $"{caseName}: {text}");
        if (response.IsSuccessStatusCode)
        {
            var data = text.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.StartsWith("data:", StringComparison.Ordinal));
            var json = data is null ? text : data["data:".Length..];
            McpOutcome.From(JsonDocument.Parse(json).RootElement).ShouldBeClearRefusal(caseName);
        }
        else
        {
            text.ShouldNotBeNullOrWhiteSpace(caseName);
        }

        (await SnapshotAsync()).ShouldBe(before, $"{caseName} changed the store");
    }

    [Fact]
    public Task McpPost_InvalidUtf8_RejectedStoreUnchanged() => McpPost_HostileArguments_RejectedStoreUnchanged(
        "invalid UTF-8 in a string", "store_memory", [.. """{"title":"t","content":"ab"""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);

    private async Task<string> SnapshotAsync()
    {
        using var memories = await _client.SendAsync(HttpsSample.Send(HttpMethod.Get, "/api/memory/list?limit=100"));
        using var tasks = await _client.SendAsync(HttpsSample.Send(HttpMethod.Get, "/api/task/list?limit=100"));
        return await memories.Content.ReadAsStringAsync() + await tasks.Content.ReadAsStringAsync();
    }
}
