using System.Net;
using System.Net.Http.Json;
using System.Text;
using AiMemory.Hosting.Http;
using AiMemory.Hosting.Http.Configuration;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiMemory.Benchmarks;

/// <summary>
/// The HTTP host on Kestrel at 127.0.0.1 over a SQLite file with 200 memories: <c>GET /api/memory/list</c> and an MCP
/// <c>search_memories</c> call, with the security pipeline on and off. Sequential runs give latency; the concurrent
/// runs (8 clients) give throughput as 1 / mean time per request.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser(displayGenColumns: false)]
public class HttpHostBenchmarks
{
    private const string Key = "benchmark-bootstrap-key-0123456789abcdef";
    private const int Concurrency = 8;
    private const int RequestsPerClient = 16;

    private static readonly string SearchBody =
        """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_memories","arguments":{"query":"deployment","limit":10}}}""";

    private WebApplication? _app;
    private HttpClient _client = null!;
    private string _directory = "";

    /// <summary>Whether the security pipeline (origin and host policy, limiters, authentication) runs.</summary>
    [Params(true, false)]
    public bool Pipeline { get; set; }

    [GlobalSetup]
    public async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("aimemory-bench-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["API_KEY"] = Key,
            ["RATE_LIMIT_MAX_REQUESTS"] = "100000000",
            ["AiMemory:SqlitePath"] = Path.Combine(_directory, "aimemory.db"),
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var options = AiMemoryHttpSettings.Read(builder.Configuration);
        options.SecurityPipelineEnabled = Pipeline;
        builder.Services.AddAiMemoryHttp(options, builder.Configuration);

        _app = builder.Build();
        _app.MapAiMemory();
        await _app.StartAsync();

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2 }) { BaseAddress = new Uri(address) };
        _client.DefaultRequestHeaders.Add("X-API-Key", Key);
        for (var index = 0; index < 200; index++)
        {
            using var response = await _client.PostAsJsonAsync("/api/memory/store", new
            {
                title = $"Note {index}",
                content = index % 4 == 0 ? $"deployment checklist step {index}" : $"meeting summary {index}",
            });
            response.EnsureSuccessStatusCode();
        }
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        _client.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public Task ListMemories() => ListAsync();

    [Benchmark]
    public Task McpSearch() => SearchAsync();

    [Benchmark(OperationsPerInvoke = Concurrency * RequestsPerClient)]
    public Task ListMemoriesConcurrent() => RunConcurrentlyAsync(ListAsync);

    [Benchmark(OperationsPerInvoke = Concurrency * RequestsPerClient)]
    public Task McpSearchConcurrent() => RunConcurrentlyAsync(SearchAsync);

    private async Task ListAsync()
    {
        using var response = await _client.GetAsync("/api/memory/list?limit=20");
        await EnsureOkAsync(response);
    }

    private async Task SearchAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(SearchBody, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await _client.SendAsync(request);
        await EnsureOkAsync(response);
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || body.Contains("\"isError\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected response {(int)response.StatusCode}: {body}");
        }
    }

    private static Task RunConcurrentlyAsync(Func<Task> request) =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (var index = 0; index < RequestsPerClient; index++)
            {
                await request();
            }
        }));
}
