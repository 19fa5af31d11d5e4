using System.Net;
using System.Text;
using System.Text.Json;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>The security pipeline of the complete host, in process: authentication, origin and host policy, headers.</summary>
public sealed class SecurityPipelineTests : IAsyncLifetime
{
    private const string AllowedOrigin = "https://app.example.com";

    private InProcessHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await InProcessHost.StartAsync(new Dictionary<string, string?> { ["ALLOWED_ORIGINS"] = AllowedOrigin });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task List_NoKey_Returns401ProblemWithChallenge()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/api/memory/list", key: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer realm=\"aimemory\"");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("Unauthorized");
        problem.GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task List_EveryFailureReason_GetsIdenticalBody()
    {
        var bodies = new List<string>();
        foreach (var key in new string?[] { null, "wrong-key-of-sufficient-length-000", "x", "aim_notarealkey" })
        {
            using var response = await _host.SendAsync(HttpMethod.Get, "/api/memory/list", key: key);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        bodies.Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task List_KeyInHeader_Returns200()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/api/memory/list");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task List_BearerKey_Returns200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory/list");
        request.Headers.Authorization = new("Bearer", InProcessHost.BootstrapKey);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("api_key")]
    [InlineData("apiKey")]
    [InlineData("key")]
    public async Task List_KeyInQueryString_Returns401(string parameter)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, $"/api/memory/list?{parameter}={InProcessHost.BootstrapKey}", key: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_NoKey_ReturnsOnlyStatus()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/health", key: null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"status":"ok"}""");
    }

    [Fact]
    public async Task Request_ForeignOrigin_Returns403BeforeAuthentication()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory/list");
        request.Headers.Add("Origin", "https://malicious-site.com");

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.Vary.ShouldContain("Origin");
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task SimplePost_ForeignOriginOnMcp_Returns403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", "https://malicious-site.com");
        request.Headers.Add("X-API-Key", InProcessHost.BootstrapKey);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Request_AllowedOrigin_GetsCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory/list");
        request.Headers.Add("Origin", AllowedOrigin);
        request.Headers.Add("X-API-Key", InProcessHost.BootstrapKey);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([AllowedOrigin]);
        response.Headers.Vary.ShouldContain("Origin");
    }

    [Fact]
    public async Task Preflight_AllowedOrigin_ListsMethodsAndHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        request.Headers.Add("Origin", AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key, content-type, mcp-protocol-version");

        using var response = await _host.Client.SendAsync(request);

        ((int)response.StatusCode).ShouldBeInRange(200, 204);
        response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([AllowedOrigin]);
        var methods = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Methods"));
        methods.ShouldContain("POST");
        var headers = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToUpperInvariant();
        foreach (var header in new[] { "X-API-KEY", "AUTHORIZATION", "CONTENT-TYPE", "MCP-PROTOCOL-VERSION" })
        {
            headers.ShouldContain(header);
        }
    }

    [Fact]
    public async Task Preflight_ForeignOrigin_Returns403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        request.Headers.Add("Origin", "https://malicious-site.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("evil.example.com")]
    [InlineData("localhost.evil.example.com")]
    [InlineData("127.0.0.1.nip.io:3000")]
    public async Task Request_ForeignHost_Returns403(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory/list");
        request.Headers.Host = host;
        request.Headers.Add("X-API-Key", InProcessHost.BootstrapKey);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [InlineData("localhost:3000")]
    [InlineData("127.0.0.1:3000")]
    [InlineData("[::1]:3000")]
    public async Task Request_LoopbackHost_Passes(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory/list");
        request.Headers.Host = host;
        request.Headers.Add("X-API-Key", InProcessHost.BootstrapKey);

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logs_AfterRefusals_HoldWordsButNeverKey()
    {
        using (await _host.SendAsync(HttpMethod.Get, "/api/memory/list", key: "wrong-key-of-sufficient-length-000"))
        using (await _host.SendAsync(HttpMethod.Get, "/api/memory/list"))
        {
        }

        var messages = string.Join("\n", _host.Logs.Messages);
        messages.ShouldContain("Unauthorized");
        messages.ShouldContain("HTTP GET /api/memory/list responded 200");
        messages.ShouldNotContain(InProcessHost.BootstrapKey);
        messages.ShouldNotContain("wrong-key-of-sufficient-length-000");
    }

    [Fact]
    public async Task McpBatch_WithKey_Returns400JsonRpcError()
    {
        using var response = await _host.SendAsync(
            HttpMethod.Post,
            "/mcp",
            new StringContent("""[{"jsonrpc":"2.0","id":1,"method":"tools/list"}]""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32600);
    }
}
