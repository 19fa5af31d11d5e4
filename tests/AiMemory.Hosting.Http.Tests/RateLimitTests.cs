using System.Net;
using AiMemory.Security;
using AiMemory.Security.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>Per-key and per-address quotas of the complete host, with time driven by a fake clock.</summary>
public sealed class RateLimitTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task KeyQuota_OverLimit_Returns429WithHeaders()
    {
        await using var host = await StartAsync(maxRequests: 5);

        for (var request = 1; request <= 5; request++)
        {
            using var response = await host.SendAsync(HttpMethod.Get, "/api/memory/list");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.GetValues("RateLimit-Remaining").Single().ShouldBe((5 - request).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var refused = await host.SendAsync(HttpMethod.Get, "/api/memory/list");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
        refused.Headers.GetValues("RateLimit-Limit").Single().ShouldBe("5");
        refused.Headers.GetValues("RateLimit-Remaining").Single().ShouldBe("0");
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        string.Join("\n", host.Logs.Messages).ShouldContain("Rate limit exceeded");
    }

    [Fact]
    public async Task KeyQuota_Exhausted_OtherKeyUnaffected()
    {
        await using var host = await StartAsync(maxRequests: 2);
        var other = await host.Services.GetRequiredService<ApiKeyAdministration>().CreateAsync("default", "other", AiMemoryScopes.ReadWrite);
        for (var request = 0; request < 3; request++)
        {
            using var _ = await host.SendAsync(HttpMethod.Get, "/api/memory/list");
        }

        using var response = await host.SendAsync(HttpMethod.Get, "/api/memory/list", key: other.Key);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task KeyQuota_WindowPasses_Resets()
    {
        await using var host = await StartAsync(maxRequests: 1);
        using (await host.SendAsync(HttpMethod.Get, "/api/memory/list"))
        using (var refused = await host.SendAsync(HttpMethod.Get, "/api/memory/list"))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        }

        _time.Advance(Window);
        using var response = await host.SendAsync(HttpMethod.Get, "/api/memory/list");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_ManyCalls_NotCountedAgainstQuota()
    {
        await using var host = await StartAsync(maxRequests: 2);
        for (var request = 0; request < 5; request++)
        {
            using var health = await host.SendAsync(HttpMethod.Get, "/health");
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
            health.Headers.Contains("RateLimit-Limit").ShouldBeFalse();
        }

        using var first = await host.SendAsync(HttpMethod.Get, "/api/memory/list");
        using var second = await host.SendAsync(HttpMethod.Get, "/api/memory/list");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FailedAttempts_OverClientQuota_Returns429BeforeLookup()
    {
        await using var host = await StartAsync(maxRequests: 100, unauthenticatedMaxRequests: 3);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var failed = await host.SendAsync(HttpMethod.Get, "/api/memory/list", key: "guessed-key-of-sufficient-length-00");
            failed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var refused = await host.SendAsync(HttpMethod.Get, "/api/memory/list", key: "guessed-key-of-sufficient-length-01");
        using var evenValid = await host.SendAsync(HttpMethod.Get, "/api/memory/list");
        _time.Advance(Window);
        using var afterWindow = await host.SendAsync(HttpMethod.Get, "/api/memory/list");

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        evenValid.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        afterWindow.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<InProcessHost> StartAsync(int maxRequests, int? unauthenticatedMaxRequests = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RATE_LIMIT_MAX_REQUESTS"] = maxRequests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RATE_LIMIT_WINDOW_MS"] = ((long)Window.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (unauthenticatedMaxRequests is not null)
        {
            settings["RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS"] = unauthenticatedMaxRequests.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return InProcessHost.StartAsync(settings, configureServices: services => services.AddSingleton<TimeProvider>(_time));
    }
}
