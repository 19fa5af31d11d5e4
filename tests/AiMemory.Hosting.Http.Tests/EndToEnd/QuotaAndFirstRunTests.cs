using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Testing;

namespace AiMemory.Hosting.Http.Tests.EndToEnd;

/// <summary>Rate limits of real processes (one on SQLite, two sharing PostgreSQL) and the first-run key.</summary>
public sealed partial class QuotaAndFirstRunTests : IAsyncLifetime
{
    private const string ApiKey = "e2e-quota-key-9a8b7c6d5e4f3a2b1c0d";

    // Windows are aligned to the Unix epoch, so a test that straddles a window boundary would see its count reset.
    // The maximum window the setting accepts (about 24.8 days) makes that about one run in a million for a test of
    // about two seconds.
    private const string WindowMilliseconds = "2147483647";

    private readonly TemporaryDirectory _directory = new();
    private X509Certificate2 _certificate = null!;
    private string _keyPath = "";
    private string _certificatePath = "";

    public Task InitializeAsync()
    {
        (_keyPath, _certificatePath) = DevelopmentCertificate.WritePemPair(_directory.Combine("certs"));
        _certificate = X509Certificate2.CreateFromPem(File.ReadAllText(_certificatePath));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _certificate.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GuideRateLimitCheck_Requests1To100Pass_101Gets429()
    {
        var logPath = _directory.Combine("quota-logs/server.log");
        await using var sample = await StartHttpsAsync("quota", new()
        {
            ["RATE_LIMIT_MAX_REQUESTS"] = "100",
            ["RATE_LIMIT_WINDOW_MS"] = WindowMilliseconds,
            ["LOG_FILE"] = logPath,
        });
        using var client = SampleProcess.CreateClient(sample.BaseAddress, _certificate);

        var statuses = new List<HttpStatusCode>();
        for (var request = 1; request <= 100; request++)
        {
            using var response = await client.SendAsync(Listing());
            statuses.Add(response.StatusCode);
        }

        using var refused = await client.SendAsync(Listing());

        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        refused.Headers.GetValues("RateLimit-Limit").Single().ShouldBe("100");
        refused.Headers.GetValues("RateLimit-Remaining").Single().ShouldBe("0");
        refused.Headers.Contains("RateLimit-Reset").ShouldBeTrue();
        var log = ReadLogs(Path.GetDirectoryName(logPath)!);
        log.ShouldContain("Rate limit exceeded");
        log.ShouldNotContain(ApiKey);
    }

    [Fact]
    public async Task TwoInstancesOnPostgres_ShareDataAndQuota()
    {
        var database = new PostgresTestDatabase();
        await database.InitializeAsync();
        try
        {
            await CheckSharedDataAndQuotaAsync(database.ConnectionString);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private async Task CheckSharedDataAndQuotaAsync(string connectionString)
    {
        var shared = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = connectionString,
            ["RATE_LIMIT_SHARED"] = "true",
            ["RATE_LIMIT_MAX_REQUESTS"] = "10",
            ["RATE_LIMIT_WINDOW_MS"] = WindowMilliseconds,
        };
        await using var first = await StartHttpsAsync("first", shared);
        await using var second = await StartHttpsAsync("second", shared);
        using var firstClient = SampleProcess.CreateClient(first.BaseAddress, _certificate);
        using var secondClient = SampleProcess.CreateClient(second.BaseAddress, _certificate);

        using var store = Authorized(HttpMethod.Post, "/api/memory/store");
        store.Content = JsonContent.Create(new { title = "shared", content = "written on the first instance" });
        using var stored = await firstClient.SendAsync(store);
        var id = JsonNode.Parse(await stored.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        using var readBack = await secondClient.SendAsync(Authorized(HttpMethod.Get, $"/api/memory/{id}"));

        var statuses = new List<HttpStatusCode>();
        for (var request = 0; request < 8; request++)
        {
            using var response = await (request % 2 == 0 ? firstClient : secondClient).SendAsync(Listing());
            statuses.Add(response.StatusCode);
        }

        using var refusedOnFirst = await firstClient.SendAsync(Listing());
        using var refusedOnSecond = await secondClient.SendAsync(Listing());

        stored.StatusCode.ShouldBe(HttpStatusCode.Created);
        readBack.StatusCode.ShouldBe(HttpStatusCode.OK);
        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
        refusedOnFirst.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refusedOnSecond.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task FirstRun_NoKeyConfigured_PrintsWorkingKeyOnce()
    {
        var workingDirectory = _directory.Combine("first-run");
        Directory.CreateDirectory(workingDirectory);
        await using var sample = await SampleProcess.StartAndWaitAsync(workingDirectory, new Dictionary<string, string>(), trustedCertificate: null);
        using var client = SampleProcess.CreateClient(sample.BaseAddress, null);

        // The process printed the key before it listened, but its output is read on another thread and can lag.
        var match = await SampleProcess.WaitForAsync(() => CurlLine().Match(sample.Output), found => found.Success, TimeSpan.FromSeconds(10));
        match.Success.ShouldBeTrue(sample.Output);
        var key = match.Groups["key"].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/memory/list");
        request.Headers.Add("X-API-Key", key);
        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Regex.Matches(sample.Output, Regex.Escape(key)).Count.ShouldBe(2);
    }

    [GeneratedRegex(@"curl -X GET http://localhost:\d+/api/memory/list -H ""X-API-Key: (?<key>[^""]+)""")]
    private static partial Regex CurlLine();

    private static HttpRequestMessage Listing() => Authorized(HttpMethod.Get, "/api/memory/list");

    private static HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", ApiKey);
        return request;
    }

    private Task<SampleProcess> StartHttpsAsync(string name, Dictionary<string, string> settings)
    {
        var workingDirectory = _directory.Combine(name);
        Directory.CreateDirectory(workingDirectory);
        var environment = new Dictionary<string, string>(settings)
        {
            ["API_KEY"] = ApiKey,
            ["USE_HTTPS"] = "true",
            ["SSL_KEY_PATH"] = _keyPath,
            ["SSL_CERT_PATH"] = _certificatePath,
        };
        return SampleProcess.StartAndWaitAsync(workingDirectory, environment, _certificate);
    }

    private static string ReadLogs(string directory) =>
        string.Join("\n", Directory.GetFiles(directory, "*.log").Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
}
