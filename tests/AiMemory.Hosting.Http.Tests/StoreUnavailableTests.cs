using System.Net;
using System.Text.Json;
using AiMemory.Hosting.Http.Tests.EndToEnd;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>A host whose PostgreSQL server is down keeps running and reports the outage on /health and on every route.</summary>
public sealed class StoreUnavailableTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        // Nothing listens on this port: every connection attempt is refused at once.
        var closedPort = SampleProcess.FreePort();
        _host = await InProcessHost.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = $"Host=127.0.0.1;Port={closedPort};Username=aimemory;Database=absent;Timeout=2",
            ["AiMemory:ApplyMigrationsOnStart"] = "false",
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Health_StoreDown_Returns503Unavailable()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/health", key: null);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"status":"unavailable"}""");
    }

    [Fact]
    public async Task List_StoreDown_Returns503Problem()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/api/memory/list");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("Storage unavailable");
        problem.GetProperty("detail").GetString()!.ShouldNotContain("Npgsql");
    }
}
