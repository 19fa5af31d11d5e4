using Microsoft.Extensions.Configuration;

namespace AiMemory.Security.Tests.Settings;

public sealed class AiMemorySecurityConfigurationTests
{
    private static AiMemorySecurityOptions Bind(params (string Key, string? Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .Build();
        var options = new AiMemorySecurityOptions();
        AiMemorySecurityConfiguration.Bind(configuration, options);
        return options;
    }

    [Fact]
    public void Bind_NothingConfigured_KeepsDefaults()
    {
        var options = Bind();

        options.BootstrapApiKey.ShouldBeNull();
        options.KeyHashSecret.ShouldBeNull();
        options.RateLimitWindow.ShouldBe(TimeSpan.FromMilliseconds(900000));
        options.RateLimitMaxRequests.ShouldBe(100);
        options.UnauthenticatedMaxRequests.ShouldBe(20);
        options.AllowedOrigins.ShouldBeEmpty();
        options.AllowNullOrigin.ShouldBeFalse();
        options.UseSharedRateLimitStore.ShouldBeFalse();
        options.KeyCacheLifetime.ShouldBe(TimeSpan.FromSeconds(5));
        options.RotationGracePeriod.ShouldBe(TimeSpan.FromHours(24));
        options.LoopbackBound.ShouldBeTrue();
    }

    [Fact]
    public void Bind_FlatNames_SetEveryOption()
    {
        var options = Bind(
            ("API_KEY", " 0123456789abcdef0123456789abcdef "),
            ("AIMEMORY_KEY_SECRET", "secret-secret-secret-secret-secret"),
            ("RATE_LIMIT_WINDOW_MS", "60000"),
            ("RATE_LIMIT_MAX_REQUESTS", "50"),
            ("RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS", "5"),
            ("RATE_LIMIT_SHARED", "true"),
            ("ALLOWED_ORIGINS", "https://yourdomain.com, https://app.yourdomain.com"),
            ("ALLOW_NULL_ORIGIN", "1"),
            ("ALLOWED_HOSTS", "memory.example.com"),
            ("TRUSTED_PROXIES", "10.0.0.0/8,192.0.2.1"),
            ("AIMEMORY_KEY_CACHE_MS", "1000"));

        options.BootstrapApiKey.ShouldBe("0123456789abcdef0123456789abcdef");
        options.KeyHashSecret.ShouldBe("secret-secret-secret-secret-secret");
        options.RateLimitWindow.ShouldBe(TimeSpan.FromMinutes(1));
        options.RateLimitMaxRequests.ShouldBe(50);
        options.UnauthenticatedMaxRequests.ShouldBe(5);
        options.UseSharedRateLimitStore.ShouldBeTrue();
        options.AllowedOrigins.ShouldBe(["https://yourdomain.com", "https://app.yourdomain.com"]);
        options.AllowNullOrigin.ShouldBeTrue();
        options.AllowedHosts.ShouldBe(["memory.example.com"]);
        options.TrustedProxies.ShouldBe(["10.0.0.0/8", "192.0.2.1"]);
        options.KeyCacheLifetime.ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Bind_Section_SetsOptionsByPropertyName()
    {
        var options = Bind(
            ("AiMemory:Security:RateLimitMaxRequests", "7"),
            ("AiMemory:Security:RateLimitWindow", "00:05:00"),
            ("AiMemory:Security:KeyCacheLifetimeMs", "2000"),
            ("AiMemory:Security:AllowedOrigins:0", "https://a.example"),
            ("AiMemory:Security:AllowedOrigins:1", "https://b.example"),
            ("AiMemory:Security:AllowedHosts", "a.example,b.example"),
            ("AiMemory:Security:LoopbackBound", "false"));

        options.RateLimitMaxRequests.ShouldBe(7);
        options.RateLimitWindow.ShouldBe(TimeSpan.FromMinutes(5));
        options.KeyCacheLifetime.ShouldBe(TimeSpan.FromSeconds(2));
        options.AllowedOrigins.ShouldBe(["https://a.example", "https://b.example"]);
        options.AllowedHosts.ShouldBe(["a.example", "b.example"]);
        options.LoopbackBound.ShouldBeFalse();
    }

    [Fact]
    public void Bind_FlatNameAndSection_FlatNameWins()
    {
        var options = Bind(("AiMemory:Security:RateLimitMaxRequests", "7"), ("RATE_LIMIT_MAX_REQUESTS", "9"));

        options.RateLimitMaxRequests.ShouldBe(9);
    }

    [Fact]
    public void Bind_Twice_ReplacesLists()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("ALLOWED_ORIGINS", "https://a.example")])
            .Build();
        var options = new AiMemorySecurityOptions();

        AiMemorySecurityConfiguration.Bind(configuration, options);
        AiMemorySecurityConfiguration.Bind(configuration, options);

        options.AllowedOrigins.ShouldBe(["https://a.example"]);
    }

    [Fact]
    public void Bind_UnreadableValues_AreReportedByTheValidator()
    {
        var options = Bind(("RATE_LIMIT_WINDOW_MS", "15m"), ("RATE_LIMIT_MAX_REQUESTS", "-1"), ("RATE_LIMIT_SHARED", "yes"));

        var result = new AiMemorySecurityOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldBe([
            "RATE_LIMIT_WINDOW_MS is '15m', which is not a whole number of milliseconds; set a positive integer such as 900000.",
            "RATE_LIMIT_MAX_REQUESTS is '-1', which is not a whole number; set a positive integer.",
            "RATE_LIMIT_SHARED is 'yes'; set it to true or false.",
        ]);
    }
}
