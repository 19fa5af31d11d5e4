using AiMemory.Security;
using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using AiMemory.Security.Origins;
using AiMemory.Security.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AiMemory security services.</summary>
public static class AiMemorySecurityServiceCollectionExtensions
{
    /// <summary>
    /// Registers options (validated at start-up), <see cref="TimeProvider.System"/> when no time provider is
    /// registered, the key hasher and cache, <see cref="ApiKeyAuthenticator"/>, <see cref="ApiKeyAdministration"/>,
    /// <see cref="OriginPolicy"/>, <see cref="ClientAddressResolver"/> and an <see cref="IRequestRateLimiter"/>: the
    /// <see cref="InProcessRateLimiter"/>, or the <see cref="SharedRateLimiter"/> when
    /// <see cref="AiMemorySecurityOptions.UseSharedRateLimitStore"/> is set. Calling it again adds nothing but
    /// <paramref name="configure"/>.
    /// </summary>
    /// <remarks>
    /// Managed keys need an <see cref="IApiKeyStore"/> and the shared limiter an <see cref="ISharedRateLimitStore"/>,
    /// which <c>AddAiMemory()</c> registers. Without a key store the authenticator accepts only the bootstrap key and
    /// resolving <see cref="ApiKeyAdministration"/> fails with a message saying so.
    /// </remarks>
    public static AiMemorySecurityBuilder AddAiMemorySecurity(this IServiceCollection services, Action<AiMemorySecurityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<AiMemorySecurityOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AiMemorySecurityOptions>, AiMemorySecurityOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ApiKeyHasher(Options(provider).Value.KeyHashSecret));
        services.TryAddSingleton(provider => new VerifiedApiKeyCache(Options(provider), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new ApiKeyAuthenticator(
            Options(provider),
            provider.GetRequiredService<ApiKeyHasher>(),
            provider.GetRequiredService<VerifiedApiKeyCache>(),
            provider.GetRequiredService<TimeProvider>(),
            Logger<ApiKeyAuthenticator>(provider),
            provider.GetService<IApiKeyStore>()));
        services.TryAddSingleton(provider => new ApiKeyAdministration(
            provider.GetService<IApiKeyStore>() ?? throw new InvalidOperationException(
                "API key administration needs an IApiKeyStore; register the AiMemory store with AddAiMemory() before resolving it."),
            provider.GetRequiredService<ApiKeyHasher>(),
            provider.GetRequiredService<VerifiedApiKeyCache>(),
            provider.GetRequiredService<TimeProvider>(),
            Options(provider),
            Logger<ApiKeyAdministration>(provider)));
        services.TryAddSingleton(provider => new OriginPolicy(Options(provider), Logger<OriginPolicy>(provider)));
        services.TryAddSingleton(provider => new ClientAddressResolver(Options(provider)));
        services.TryAddSingleton(provider => new InProcessRateLimiter(
            Options(provider), provider.GetRequiredService<TimeProvider>(), Logger<InProcessRateLimiter>(provider)));
        services.TryAddSingleton(CreateRateLimiter);

        return new AiMemorySecurityBuilder(services);
    }

    private static IRequestRateLimiter CreateRateLimiter(IServiceProvider provider)
    {
        var options = Options(provider);
        if (!options.Value.UseSharedRateLimitStore)
        {
            return provider.GetRequiredService<InProcessRateLimiter>();
        }

        var store = provider.GetService<ISharedRateLimitStore>() ?? throw new InvalidOperationException(
            "RATE_LIMIT_SHARED is on but no ISharedRateLimitStore is registered; use the PostgreSQL store or turn RATE_LIMIT_SHARED off.");
        return new SharedRateLimiter(store, options, provider.GetRequiredService<TimeProvider>(), Logger<SharedRateLimiter>(provider));
    }

    // Libraries may be composed without AddLogging; the services then log nowhere instead of failing.
    private static ILogger<T> Logger<T>(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;

    private static IOptions<AiMemorySecurityOptions> Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<AiMemorySecurityOptions>>();
}
