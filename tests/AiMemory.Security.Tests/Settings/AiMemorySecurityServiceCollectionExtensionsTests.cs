using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using AiMemory.Security.Origins;
using AiMemory.Security.RateLimiting;
using AiMemory.Security.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Security.Tests.Settings;

public sealed class AiMemorySecurityServiceCollectionExtensionsTests
{
    private const string BootstrapKey = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void AddAiMemorySecurity_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        services.AddAiMemorySecurity();
        services.AddAiMemorySecurity();

        foreach (var type in new[]
        {
            typeof(ApiKeyAuthenticator), typeof(ApiKeyAdministration), typeof(ApiKeyHasher), typeof(VerifiedApiKeyCache),
            typeof(OriginPolicy), typeof(ClientAddressResolver), typeof(IRequestRateLimiter), typeof(InProcessRateLimiter),
            typeof(TimeProvider), typeof(IValidateOptions<AiMemorySecurityOptions>),
        })
        {
            services.Count(descriptor => descriptor.ServiceType == type).ShouldBe(1, type.Name);
        }
    }

    [Fact]
    public async Task AddAiMemorySecurity_WithoutStore_AcceptsBootstrapKey()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddAiMemorySecurity(options => options.BootstrapApiKey = BootstrapKey).Services.BuildServiceProvider();

        var result = await provider.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(BootstrapKey);

        result.Succeeded.ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => provider.GetRequiredService<ApiKeyAdministration>()).Message.ShouldBe(
            "API key administration needs an IApiKeyStore; register the AiMemory store with AddAiMemory() before resolving it.");
    }

    [Fact]
    public async Task AddAiMemorySecurity_WithStoreAndTime_UsesThem()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IApiKeyStore, InMemoryApiKeyStore>();
        using var provider = services.AddAiMemorySecurity().Services.BuildServiceProvider();

        var created = await provider.GetRequiredService<ApiKeyAdministration>().CreateAsync("alice", "cli", AiMemoryScopes.ReadWrite);
        var result = await provider.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(created.Key);

        result.Identity!.Owner.ShouldBe("alice");
        created.Summary.CreatedAt.ShouldBe(time.GetUtcNow());
        provider.GetRequiredService<TimeProvider>().ShouldBeSameAs(time);
    }

    [Fact]
    public void AddAiMemorySecurity_Default_UsesInProcessLimiter()
    {
        using var provider = new ServiceCollection().AddAiMemorySecurity().Services.BuildServiceProvider();

        provider.GetRequiredService<IRequestRateLimiter>().ShouldBeOfType<InProcessRateLimiter>();
    }

    [Fact]
    public void AddAiMemorySecurity_SharedOption_UsesSharedLimiterOrExplains()
    {
        var services = new ServiceCollection();
        services.AddAiMemorySecurity(options => options.UseSharedRateLimitStore = true);
        using (var withoutStore = services.BuildServiceProvider())
        {
            Should.Throw<InvalidOperationException>(() => withoutStore.GetRequiredService<IRequestRateLimiter>()).Message.ShouldBe(
                "RATE_LIMIT_SHARED is on but no ISharedRateLimitStore is registered; use the PostgreSQL store or turn RATE_LIMIT_SHARED off.");
        }

        services.AddSingleton<ISharedRateLimitStore, InMemorySharedRateLimitStore>();
        using var withStore = services.BuildServiceProvider();

        withStore.GetRequiredService<IRequestRateLimiter>().ShouldBeOfType<SharedRateLimiter>();
    }

    [Fact]
    public void AddAiMemorySecurity_InvalidOrigin_FailsValidationNamingEntry()
    {
        using var provider = new ServiceCollection()
            .AddAiMemorySecurity(options => options.AllowedOrigins.Add("https://app.example.com/"))
            .Services.BuildServiceProvider();

        var exception = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AiMemorySecurityOptions>>().Value);

        exception.Message.ShouldContain("ALLOWED_ORIGINS entry 'https://app.example.com/' is invalid");
    }

    [Fact]
    public async Task BindConfiguration_FlatNames_ReachTheServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([
            new KeyValuePair<string, string?>("API_KEY", BootstrapKey),
            new KeyValuePair<string, string?>("RATE_LIMIT_MAX_REQUESTS", "2"),
            new KeyValuePair<string, string?>("ALLOWED_ORIGINS", "https://app.example.com"),
        ]).Build();
        using var provider = new ServiceCollection().AddAiMemorySecurity().BindConfiguration(configuration).Services.BuildServiceProvider();

        (await provider.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(BootstrapKey)).Succeeded.ShouldBeTrue();
        provider.GetRequiredService<OriginPolicy>().EvaluateOrigin("https://app.example.com").IsAllowed.ShouldBeTrue();
        var limiter = provider.GetRequiredService<IRequestRateLimiter>();
        (await limiter.AcquireAsync(QuotaPartition.ForKey("k"))).Limit.ShouldBe(2);
    }
}
