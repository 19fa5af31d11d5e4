using System.Collections.Concurrent;
using AiMemory.Hosting.Http.Configuration;
using AiMemory.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>
/// The complete HTTP host (pipeline, REST, MCP, health) in this process on a test server, over a real SQLite file
/// in a temporary folder. Settings are given explicitly; the test process's environment is not read.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    /// <summary>A bootstrap key for the default owner, long enough for the authenticator.</summary>
    public const string BootstrapKey = "test-bootstrap-key-0123456789abcdef";

    private readonly TemporaryDirectory _directory;

    private InProcessHost(WebApplication app, TemporaryDirectory directory, LogCollector logs)
    {
        App = app;
        _directory = directory;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public LogCollector Logs { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Starts a host with the bootstrap key and the given settings (environment names such as RATE_LIMIT_MAX_REQUESTS).</summary>
    public static async Task<InProcessHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<AiMemoryHttpOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var directory = new TemporaryDirectory();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();

        var values = new Dictionary<string, string?>
        {
            ["API_KEY"] = BootstrapKey,
            ["AiMemory:SqlitePath"] = Path.Combine(directory.Path, "aimemory.db"),
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        var logs = new LogCollector();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);

        var options = AiMemoryHttpSettings.Read(builder.Configuration);
        configure?.Invoke(options);
        builder.Services.AddAiMemoryHttp(options, builder.Configuration);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapAiMemory();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            directory.Dispose();
            throw;
        }

        return new InProcessHost(app, directory, logs);
    }

    /// <summary>Sends a request with the bootstrap key unless another key (or none) is given.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? key = BootstrapKey)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Keeps every formatted log message, to check what reaches the log and what never does.</summary>
    internal sealed class LogCollector : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => _messages.ToArray();

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collector(LogCollector owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
