using AiMemory.Core;
using AiMemory.Core.Storage;
using AiMemory.Security.Keys;
using AiMemory.Security.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AiMemory store.</summary>
public static class AiMemoryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store (<see cref="IAiMemoryStore"/>, <see cref="AiMemoryStore"/>), the API key store
    /// (<see cref="IApiKeyStore"/>), the shared rate-limit store (<see cref="ISharedRateLimitStore"/>),
    /// <see cref="TimeProvider.System"/> unless a time provider is registered, and validated
    /// <see cref="AiMemoryOptions"/>. With <see cref="AiMemoryOptions.ApplyMigrationsOnStart"/> a hosted service
    /// applies migrations when the host starts. Calling it again only adds the extra configuration.
    /// </summary>
    public static AiMemoryBuilder AddAiMemory(this IServiceCollection services, Action<AiMemoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AiMemoryOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AiMemoryOptions>, AiMemoryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => AiMemoryStore.Create(
            provider.GetRequiredService<IOptions<AiMemoryOptions>>().Value,
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAiMemoryStore>(provider => provider.GetRequiredService<AiMemoryStore>());
        services.TryAddSingleton(provider => provider.GetRequiredService<AiMemoryStore>().ApiKeys);
        services.TryAddSingleton(provider => provider.GetRequiredService<AiMemoryStore>().RateLimits);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AiMemoryMigrationService>());
        return new AiMemoryBuilder(services);
    }

    /// <summary>
    /// Registers the store as <see cref="AddAiMemory(IServiceCollection, Action{AiMemoryOptions})"/> does, with options
    /// bound from configuration: the <c>AiMemory</c> section and the flat <c>DATABASE_URL</c> value.
    /// </summary>
    public static AiMemoryBuilder AddAiMemory(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<AiMemoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAiMemory(options =>
        {
            options.Bind(configuration);
            configure?.Invoke(options);
        });
    }
}

/// <summary>The result of <c>AddAiMemory</c>, for chaining further AiMemory registrations.</summary>
public sealed class AiMemoryBuilder(IServiceCollection services)
{
    /// <summary>The service collection the store was registered in.</summary>
    public IServiceCollection Services { get; } = services;
}
