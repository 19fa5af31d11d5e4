using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Testing;
using ModelContextProtocol.Client;

namespace AiMemory.Hosting.Http.Tests.EndToEnd;

/// <summary>
/// One HTTPS sample process over a generated certificate, checked the way the operations guide checks a server:
/// keys, origins, hosts, body size, an MCP round trip, a REST round trip and the log file.
/// </summary>
public sealed class HttpsHostTests : IClassFixture<HttpsHostTests.HostFixture>
{
    private const string AllowedOrigin = "https://app.example.com";

    private readonly HostFixture _fixture;

    public HttpsHostTests(HostFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task GuideAuthenticationCheck_NoKey401_Key200()
    {
        using var client = _fixture.CreateClient();

        using var withoutKey = await client.GetAsync("/api/memory/list");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory/list");
        request.Headers.Add("X-API-Key", HostFixture.ApiKey);
        using var withKey = await client.SendAsync(request);

        withoutKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        withoutKey.Headers.WwwAuthenticate.ShouldNotBeEmpty();
        withKey.StatusCode.ShouldBe(HttpStatusCode.OK);
        withKey.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
    }

    [Fact]
    public async Task GuideCorsCheck_ForeignOrigin403_AllowedOriginGetsHeaders()
    {
        using var client = _fixture.CreateClient();

        using var foreign = await client.SendAsync(_fixture.Authorized(HttpMethod.Get, "/api/memory/list", origin: "https://malicious-site.com"));
        using var allowed = await client.SendAsync(_fixture.Authorized(HttpMethod.Get, "/api/memory/list", origin: AllowedOrigin));
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        preflight.Headers.Add("Origin", AllowedOrigin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key, content-type");
        using var preflightResponse = await client.SendAsync(preflight);

        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        allowed.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([AllowedOrigin]);
        ((int)preflightResponse.StatusCode).ShouldBeInRange(200, 204);
        preflightResponse.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([AllowedOrigin]);
        string.Join(",", preflightResponse.Headers.GetValues("Access-Control-Allow-Headers")).ShouldContain("X-API-Key", Case.Insensitive);
    }

    [Fact]
    public async Task ForeignHost_Returns403()
    {
        using var client = _fixture.CreateClient(allowNameMismatch: true);
        using var request = _fixture.Authorized(HttpMethod.Get, "/api/memory/list");
        request.Headers.Host = "rebound.example.com";

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OversizedBody_Returns413NamingLimit()
    {
        using var client = _fixture.CreateClient();
        using var request = _fixture.Authorized(HttpMethod.Post, "/api/memory/store");
        request.Content = new StringContent(new string('a', 2 * 1024 * 1024), Encoding.UTF8, "application/json");

        // The server returns 413 from Content-Length without reading the body. Waiting for 100-continue keeps the
        // client from still uploading when the server closes the connection, which can reset it under load.
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("1 MiB");
    }

    [Fact]
    public async Task McpClient_OverHttpsWithKey_StoresAndSearches()
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = new Uri(_fixture.Sample.BaseAddress, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["X-API-Key"] = HostFixture.ApiKey },
            },
            _fixture.CreateClient(),
            ownsHttpClient: true);
        await using var client = await McpClient.CreateAsync(transport);

        var stored = await client.CallToolAsync("store_memory", new Dictionary<string, object?> { ["title"] = "Over TLS", ["content"] = "round trip via MCP" });
        var found = await client.CallToolAsync("search_memories", new Dictionary<string, object?> { ["query"] = "round trip" });

        stored.IsError.ShouldNotBe(true);
        found.IsError.ShouldNotBe(true);
        JsonSerializer.Serialize(found.StructuredContent).ShouldContain("round trip via MCP");
    }

    [Fact]
    public async Task Rest_StoreThenGet_RoundTrips()
    {
        using var client = _fixture.CreateClient();
        using var store = _fixture.Authorized(HttpMethod.Post, "/api/memory/store");
        store.Content = JsonContent.Create(new { title = "REST over TLS", content = "stored and read back" });

        using var stored = await client.SendAsync(store);
        var id = JsonNode.Parse(await stored.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        using var fetched = await client.SendAsync(_fixture.Authorized(HttpMethod.Get, $"/api/memory/{id}"));

        stored.StatusCode.ShouldBe(HttpStatusCode.Created);
        fetched.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await fetched.Content.ReadAsStringAsync())!["content"]!.GetValue<string>().ShouldBe("stored and read back");
    }

    [Fact]
    public async Task LogFile_AfterRefusals_HoldsPromisedWordsAndNeverKey()
    {
        using var client = _fixture.CreateClient();
        using (await client.GetAsync("/api/memory/list"))
        using (await client.SendAsync(_fixture.Authorized(HttpMethod.Get, "/api/memory/list", origin: "https://malicious-site.com")))
        using (await client.SendAsync(_fixture.Authorized(HttpMethod.Get, "/api/memory/list")))
        using (var reboundClient = _fixture.CreateClient(allowNameMismatch: true))
        using (var rebound = _fixture.Authorized(HttpMethod.Get, "/api/memory/list"))
        {
            rebound.Headers.Host = "rebound.example.com";
            using var _ = await reboundClient.SendAsync(rebound);
        }

        var log = _fixture.ReadLog();

        log.ShouldContain("Unauthorized");
        log.ShouldContain("Forbidden origin");
        log.ShouldContain("Forbidden host");
        log.ShouldContain("HTTP GET /api/memory/list responded 200");
        log.ShouldNotContain(HostFixture.ApiKey);
    }

    public sealed class HostFixture : IAsyncLifetime
    {
        public const string ApiKey = "e2e-bootstrap-key-4f1c2d3e5a6b7c8d9e0f";

        private readonly TemporaryDirectory _directory = new();

        public SampleProcess Sample { get; private set; } = null!;

        public X509Certificate2 Certificate { get; private set; } = null!;

        public string LogPath => _directory.Combine("logs/server.log");

        public async Task InitializeAsync()
        {
            var (keyPath, certificatePath) = DevelopmentCertificate.WritePemPair(_directory.Combine("certs"));
            Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
            Sample = await SampleProcess.StartAndWaitAsync(_directory.Path, new Dictionary<string, string>
            {
                ["API_KEY"] = ApiKey,
                ["USE_HTTPS"] = "true",
                ["SSL_KEY_PATH"] = keyPath,
                ["SSL_CERT_PATH"] = certificatePath,
                ["ALLOWED_ORIGINS"] = AllowedOrigin,
                ["RATE_LIMIT_MAX_REQUESTS"] = "1000",
                ["LOG_FILE"] = LogPath,
            }, Certificate);
        }

        public async Task DisposeAsync()
        {
            await Sample.DisposeAsync();
            Certificate.Dispose();
            _directory.Dispose();
        }

        /// <summary>A client on https://localhost:PORT, the form the guide's curl lines use.</summary>
        public HttpClient CreateClient(bool allowNameMismatch = false) =>
            SampleProcess.CreateClient(new Uri($"https://localhost:{Sample.Port}"), Certificate, allowNameMismatch);

        public HttpRequestMessage Authorized(HttpMethod method, string path, string? origin = null)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("X-API-Key", ApiKey);
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return request;
        }

        /// <summary>Reads every file the daily rolling sink wrote (server20260101.log and so on).</summary>
        public string ReadLog()
        {
            var directory = Path.GetDirectoryName(LogPath)!;
            return string.Join("\n", Directory.GetFiles(directory, "server*.log").Select(ReadShared));
        }

        private static string ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
