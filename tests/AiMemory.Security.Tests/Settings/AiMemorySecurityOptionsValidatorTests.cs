namespace AiMemory.Security.Tests.Settings;

public sealed class AiMemorySecurityOptionsValidatorTests
{
    private static IEnumerable<string> Validate(Action<AiMemorySecurityOptions> configure)
    {
        var options = new AiMemorySecurityOptions();
        configure(options);
        var result = new AiMemorySecurityOptionsValidator().Validate(null, options);
        return result.Failures ?? [];
    }

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        new AiMemorySecurityOptionsValidator().Validate(null, new AiMemorySecurityOptions()).Succeeded.ShouldBeTrue();

    [Fact]
    public void Validate_GuideExample_Succeeds()
    {
        var failures = Validate(options =>
        {
            options.BootstrapApiKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
            options.AllowedOrigins.Add("https://yourdomain.com");
            options.AllowedOrigins.Add("https://app.yourdomain.com");
        });

        failures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("short", "API_KEY has 5 characters; use at least 16, for example the output of 'openssl rand -hex 32'.")]
    [InlineData("has spaces in the key text", "API_KEY contains spaces, control or non-ASCII characters, which clients cannot send in a header; generate one with 'openssl rand -hex 32'.")]
    public void Validate_WeakBootstrapKey_NamesApiKey(string key, string message) =>
        Validate(options => options.BootstrapApiKey = key).ShouldBe([message]);

    [Fact]
    public void Validate_ShortSecret_NamesSetting() =>
        Validate(options => options.KeyHashSecret = "short").ShouldBe(
            ["AIMEMORY_KEY_SECRET has 5 characters; use at least 32, for example the output of 'openssl rand -hex 32'."]);

    [Fact]
    public void Validate_NonPositiveLimits_NameSettings() =>
        Validate(options =>
        {
            options.RateLimitWindow = TimeSpan.Zero;
            options.RateLimitMaxRequests = 0;
            options.UnauthenticatedMaxRequests = 0;
            options.KeyCacheLifetime = TimeSpan.FromHours(1);
        }).ShouldBe([
            "RATE_LIMIT_WINDOW_MS must be a positive number of milliseconds; the default is 900000 (15 minutes).",
            "RATE_LIMIT_MAX_REQUESTS must be at least 1; the default is 100.",
            "RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS must be at least 1; the default is 20.",
            "AIMEMORY_KEY_CACHE_MS must be between 0 and 300000 milliseconds, because it bounds how long a revoked key keeps working; the default is 5000.",
        ]);

    [Fact]
    public void Validate_BadOriginHostAndProxy_NamesEachEntry() =>
        Validate(options =>
        {
            options.AllowedOrigins.Add("https://ok.example");
            options.AllowedOrigins.Add("https://bad.example/path");
            options.AllowedHosts.Add("https://host.example");
            options.TrustedProxies.Add("proxy.example");
        }).ShouldBe([
            "ALLOWED_ORIGINS entry 'https://bad.example/path' is invalid: an origin has no path, query, fragment or user name; remove everything after the host and port, including a trailing slash.",
            "ALLOWED_HOSTS entry 'https://host.example' is invalid: write a host name or IP address without scheme or port, such as memory.example.com.",
            "TRUSTED_PROXIES entry 'proxy.example' is invalid: write an IP address or a CIDR network such as 10.0.0.0/8.",
        ]);

    [Fact]
    public void Validate_WildcardWithCredentials_Fails() =>
        Validate(options =>
        {
            options.AllowedOrigins.Add("*");
            options.AllowCredentials = true;
        }).ShouldBe(["ALLOWED_ORIGINS contains '*' while credentials are allowed; list the origins explicitly or turn AllowCredentials off."]);
}
