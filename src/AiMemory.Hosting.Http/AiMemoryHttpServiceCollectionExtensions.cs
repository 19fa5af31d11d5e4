using AiMemory.Hosting.Http;
using AiMemory.Hosting.Http.Configuration;
using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Hosting.Http.Keys;
using AiMemory.Hosting.Http.Pipeline;
using AiMemory.Hosting.Http.Rest;
using AiMemory.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AiMemory HTTP endpoints and the services they need.</summary>
public static class AiMemoryHttpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the store, the security services, the MCP server (Streamable HTTP, stateless) with the AiMemory tools,
    /// and the services of the REST API and the first-run key, with settings read from <paramref name="configuration"/>.
    /// Calling it twice is harmless. It does not configure Kestrel or logging: use
    /// <c>WebApplicationBuilder.AddAiMemoryHttp()</c> for a complete host.
    /// </summary>
    /// <exception cref="AiMemory.Hosting.Http.HostStartupException">A setting is invalid; the message names it.</exception>
    public static IServiceCollection AddAiMemoryHttp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAiMemoryHttp(AiMemoryHttpSettings.Read(configuration), configuration);
    }

    /// <summary>Adds the services as <see cref="AddAiMemoryHttp(IServiceCollection, IConfiguration)"/> does, with settings given.</summary>
    /// <exception cref="AiMemory.Hosting.Http.HostStartupException">A setting is invalid; the message names it.</exception>
    public static IServiceCollection AddAiMemoryHttp(this IServiceCollection services, AiMemoryHttpOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);

        if (services.Any(descriptor => descriptor.ServiceType == typeof(AiMemoryHttpOptions)))
        {
            return services;
        }

        AiMemoryHttpSettings.Validate(options);
        var address = ListenAddress.Parse(options.Host);
        services.AddSingleton(options);
        services.TryAddSingleton(address);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAiMemory(configuration);
        services.AddAiMemorySecurity().BindConfiguration(configuration);
        services.PostConfigure<AiMemorySecurityOptions>(security => security.LoopbackBound = address.IsLoopback);
        services.TryAddSingleton<FailedAuthenticationThrottle>();
        services.TryAddSingleton<RestErrorFilter>();

        services.AddMcpServer()
            .WithHttpTransport(transport => transport.Stateless = true)
            .WithAiMemoryTools();

        services.AddHostedService<InsecureBindWarningService>();
        services.AddHostedService<FirstRunKeyService>();
        return services;
    }
}
