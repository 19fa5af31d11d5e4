using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiMemory.Security;

/// <summary>Configures the security services registered by <c>AddAiMemorySecurity</c>.</summary>
public sealed class AiMemorySecurityBuilder
{
    internal AiMemorySecurityBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the services are registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Reads the options from <paramref name="configuration"/>: the <c>AiMemory:Security</c> section and the flat
    /// environment names, as <see cref="AiMemorySecurityConfiguration.Bind"/> describes.
    /// </summary>
    public AiMemorySecurityBuilder BindConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Services.Configure<AiMemorySecurityOptions>(options => AiMemorySecurityConfiguration.Bind(configuration, options));
        return this;
    }

    /// <summary>Changes the options in code, after configuration has been read.</summary>
    public AiMemorySecurityBuilder Configure(Action<AiMemorySecurityOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
