using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using AiMemory.Hosting.Http;
using AiMemory.Hosting.Http.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// A bounded load run on 127.0.0.1 that compares the HTTP host with its security pipeline on and off. Both hosts run in
// this process on Kestrel over SQLite files with the same 200 memories. Rounds alternate between them, so background
// load on the machine affects both alike. Each round sends a fixed number of requests from several concurrent
// clients, so the run stops by itself.
//
//   dotnet run -c Release --project benchmarks/load/HttpPipelineLoad -- [rounds] [requests-per-round] [concurrency]

const string SearchBody =
    """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search_memories","arguments":{"query":"deployment","limit":10}}}""";

var rounds = Argument(0, 10, 1, 100);
var requestsPerRound = Argument(1, 400, 10, 10_000);
var concurrency = Argument(2, 8, 1, 64);

var directory = Directory.CreateTempSubdirectory("aimemory-load-");
try
{
    await using var protectedHost = await LoadHost.StartAsync(directory.FullName, pipeline: true);
    await using var unprotectedHost = await LoadHost.StartAsync(directory.FullName, pipeline: false);
    Console.WriteLine($"{rounds} rounds of {requestsPerRound} requests, {concurrency} concurrent clients, {Environment.ProcessorCount} cores");
    Console.WriteLine("| route | pipeline | requests/s (median of rounds) | p50 ms | p90 ms | p99 ms |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|");
    foreach (var (route, send) in new (string, Func<HttpClient, Task>)[] { ("GET /api/memory/list", ListAsync), ("MCP search_memories", SearchAsync) })
    {
        var results = new Dictionary<bool, (List<double> Throughput, List<double> Latencies)>
        {
            [true] = ([], []),
            [false] = ([], []),
        };
        for (var round = 0; round < rounds; round++)
        {
            foreach (var host in new[] { protectedHost, unprotectedHost })
            {
                var (throughput, latencies) = await RunRoundAsync(host.Client, send, requestsPerRound, concurrency);
                results[host.Pipeline].Throughput.Add(throughput);
                results[host.Pipeline].Latencies.AddRange(latencies);
            }
        }

        foreach (var pipeline in new[] { true, false })
        {
            var (throughput, latencies) = results[pipeline];
            throughput.Sort();
            latencies.Sort();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {route} | {(pipeline ? "on" : "off")} | {throughput[throughput.Count / 2]:0} | {Percentile(latencies, 0.5):0.00} | {Percentile(latencies, 0.9):0.00} | {Percentile(latencies, 0.99):0.00} |"));
        }
    }
}
finally
{
    directory.Delete(recursive: true);
}

int Argument(int index, int fallback, int min, int max)
{
    if (args.Length <= index)
    {
        return fallback;
    }

    if (!int.TryParse(args[index], CultureInfo.InvariantCulture, out var value) || value < min || value > max)
    {
        throw new ArgumentException($"Argument {index + 1} must be a number from {min} to {max}; it was '{args[index]}'.");
    }

    return value;
}

static double Percentile(List<double> sorted, double fraction) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * fraction))];

static async Task<(double Throughput, List<double> Latencies)> RunRoundAsync(
    HttpClient client, Func<HttpClient, Task> send, int requests, int concurrency)
{
    var latencies = new List<double>(requests);
    var remaining = requests;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Decrement(ref remaining) >= 0)
        {
            var requestStarted = Stopwatch.GetTimestamp();
            await send(client);
            var elapsed = Stopwatch.GetElapsedTime(requestStarted).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(elapsed);
            }
        }
    }));
    return (requests / Stopwatch.GetElapsedTime(started).TotalSeconds, latencies);
}

static async Task ListAsync(HttpClient client)
{
    using var response = await client.GetAsync("/api/memory/list?limit=20");
    await EnsureOkAsync(response);
}

static async Task SearchAsync(HttpClient client)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(SearchBody, Encoding.UTF8, "application/json") };
    request.Headers.Accept.ParseAdd("application/json");
    request.Headers.Accept.ParseAdd("text/event-stream");
    using var response = await client.SendAsync(request);
    await EnsureOkAsync(response);
}

static async Task EnsureOkAsync(HttpResponseMessage response)
{
    var body = await response.Content.ReadAsStringAsync();
    if (response.StatusCode != HttpStatusCode.OK || body.Contains("\"isError\":true", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"Unexpected response {(int)response.StatusCode}: {body}");
    }
}

/// <summary>One in-process host on Kestrel at 127.0.0.1 on a free port, with 200 memories stored.</summary>
internal sealed class LoadHost : IAsyncDisposable
{
    private LoadHost(WebApplication app, HttpClient client, bool pipeline)
    {
        App = app;
        Client = client;
        Pipeline = pipeline;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public bool Pipeline { get; }

    public static async Task<LoadHost> StartAsync(string directory, bool pipeline)
    {
        const string Key = "load-bootstrap-key-0123456789abcdef";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["API_KEY"] = Key,
            ["RATE_LIMIT_MAX_REQUESTS"] = "100000000",
            ["AiMemory:SqlitePath"] = Path.Combine(directory, pipeline ? "protected.db" : "unprotected.db"),
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var options = AiMemoryHttpSettings.Read(builder.Configuration);
        options.SecurityPipelineEnabled = pipeline;
        builder.Services.AddAiMemoryHttp(options, builder.Configuration);

        var app = builder.Build();
        app.MapAiMemory();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-API-Key", Key);
        for (var index = 0; index < 200; index++)
        {
            using var response = await client.PostAsJsonAsync("/api/memory/store", new
            {
                title = $"Note {index}",
                content = index % 4 == 0 ? $"deployment checklist step {index}" : $"meeting summary {index}",
            });
            response.EnsureSuccessStatusCode();
        }

        return new LoadHost(app, client, pipeline);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
