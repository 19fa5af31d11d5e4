using System.Net;
using System.Text;
using System.Text.Json;
using AiMemory.Hosting.Http.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>The pipeline steps that need no store or key, each in front of an endpoint that reads the body.</summary>
public sealed class MiddlewareTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(new AiMemoryHttpOptions { MaxRequestBodyBytes = 4096 });
        _app = builder.Build();
        _app.UseMiddleware<SecurityHeadersMiddleware>();
        _app.UseMiddleware<BodySizeLimitMiddleware>();
        _app.UseWhen(context => context.Request.Path.StartsWithSegments("/mcp"), mcp => mcp.UseMiddleware<McpRequestGuardMiddleware>());
        _app.MapPost("/mcp", async (HttpRequest request) => Results.Text(await new StreamReader(request.Body).ReadToEndAsync()));
        _app.MapPost("/echo", async (HttpRequest request) => Results.Text(await new StreamReader(request.Body).ReadToEndAsync()));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task SecurityHeaders_AnyResponse_CarriesNosniffReferrerAndNoStore()
    {
        using var response = await _client.PostAsync("/echo", new StringContent("hello"));

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task BodyLimit_DeclaredLengthOverLimit_Returns413NamingLimit()
    {
        using var response = await _client.PostAsync("/echo", new StringContent(new string('x', 5000)));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("detail").GetString().ShouldBe("The request body is larger than the limit of 4 KiB (4096 bytes).");
        problem.GetProperty("limitBytes").GetInt64().ShouldBe(4096);
    }

    [Fact]
    public async Task BodyLimit_BodyWithinLimit_ReachesHandler()
    {
        using var response = await _client.PostAsync("/echo", new StringContent(new string('x', 4000)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Length.ShouldBe(4000);
    }

    [Fact]
    public async Task McpGuard_BatchBody_Returns400JsonRpcError()
    {
        using var response = await _client.PostAsync("/mcp", Json("""  [{"jsonrpc":"2.0","id":1,"method":"ping"}]"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        error.GetProperty("jsonrpc").GetString().ShouldBe("2.0");
        error.GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32600);
        error.GetProperty("error").GetProperty("message").GetString()!.ShouldContain("batches are not supported");
    }

    [Fact]
    public async Task McpGuard_SingleRequest_PassesBodyUnchanged()
    {
        const string Body = """ {"jsonrpc":"2.0","id":1,"method":"ping"}""";

        using var response = await _client.PostAsync("/mcp", Json(Body));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe(Body);
    }

    [Fact]
    public async Task McpGuard_UnsupportedProtocolVersion_Returns400NamingVersion()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = Json("""{"jsonrpc":"2.0","id":1,"method":"ping"}""") };
        request.Headers.Add("MCP-Protocol-Version", "1999-01-01");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();
        message.ShouldStartWith("Unsupported MCP-Protocol-Version '1999-01-01'.");
        message.ShouldContain("2025-11-25");
    }

    [Fact]
    public async Task McpGuard_SupportedProtocolVersion_Passes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = Json("{}") };
        request.Headers.Add("MCP-Protocol-Version", "2025-06-18");

        using var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
