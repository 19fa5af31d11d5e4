using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AiMemory.Benchmarks.Compare.Http;

/// <summary>One kind of request to measure. Its send function raises an exception unless the response is the expected success.</summary>
internal sealed record Target(string Name, Func<CancellationToken, Task> SendAsync);

/// <summary>Builds the requests compared: the bare endpoint and the AiMemory routes.</summary>
internal static class Targets
{
    /// <summary>The header that carries the API key.</summary>
    public const string KeyHeader = "X-API-Key";

    /// <summary>Returns the targets in report order. The bare endpoint comes first: it is the ceiling the others are compared to.</summary>
    public static IReadOnlyList<Target> Create(HttpClient bare, HttpClient aiMemory, string key, long memoryId) =>
    [
        new("bare Kestrel: GET /ok (fixed JSON)", token => GetAsync(bare, "/ok", null, token)),
        new("AiMemory: GET /health (no key)", token => GetAsync(aiMemory, "/health", null, token)),
        new("AiMemory: GET /api/memory/{id} (API key)", token => GetAsync(aiMemory, $"/api/memory/{memoryId}", key, token)),
        new("AiMemory: GET /api/memory/list?limit=20 (API key)", token => GetAsync(aiMemory, "/api/memory/list?limit=20", key, token)),
        new("AiMemory: MCP tools/call get_memory (API key)", token => McpAsync(aiMemory, key, $"{{\"name\":\"get_memory\",\"arguments\":{{\"id\":{memoryId}}}}}", token)),
        new(
            "AiMemory: MCP tools/call search_memories, limit 10 (API key)",
            token => McpAsync(aiMemory, key, """{"name":"search_memories","arguments":{"query":"deployment","limit":10}}""", token)),
    ];

    /// <summary>Stores 200 memories through the REST API, a quarter of them about deployments, and returns the first id.</summary>
    public static async Task<long> SeedAsync(HttpClient aiMemory, string key, CancellationToken cancellationToken)
    {
        long firstId = 0;
        for (var index = 0; index < 200; index++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/memory/store")
            {
                Content = JsonContent.Create(new
                {
                    title = $"Note {index}",
                    content = index % 4 == 0 ? $"deployment checklist step {index}" : $"meeting summary {index}",
                }),
            };
            request.Headers.Add(KeyHeader, key);
            using var response = await aiMemory.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Storing a memory returned {(int)response.StatusCode}: {body}");
            }

            if (index == 0)
            {
                firstId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
            }
        }

        return firstId;
    }

    private static async Task GetAsync(HttpClient client, string path, string? key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add(KeyHeader, key);
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} returned {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }
    }

    // The host's MCP endpoint is stateless, so a tools/call needs no initialize first. Replies come as an SSE body.
    private static async Task McpAsync(HttpClient client, string key, string callParameters, CancellationToken cancellationToken)
    {
        var payload = $$"""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{callParameters}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(KeyHeader, key);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || body.Contains("\"isError\":true", StringComparison.Ordinal) ||
            !body.Contains("\"result\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"MCP tools/call returned {(int)response.StatusCode}: {body}");
        }
    }
}
