using AiMemory.Hosting.Http;
using AiMemory.Hosting.Http.Configuration;
using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Hosting.Http.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Turns a <see cref="WebApplicationBuilder"/> into an AiMemory HTTP(S) host.</summary>
public static class AiMemoryHttpWebApplicationBuilderExtensions
{
    /// <summary>
    /// Reads the settings, replaces the logging providers with Serilog (standard error, and <c>LOG_FILE</c> when set),
    /// binds Kestrel to <c>HOST</c>:<c>PORT</c> (127.0.0.1:3000 by default) with TLS from the PEM files when
    /// <c>USE_HTTPS</c> is true, and adds the services of <c>AddAiMemoryHttp(IConfiguration)</c>.
    /// </summary>
    /// <exception cref="HostStartupException">
    /// A setting is invalid, a certificate or key file is missing, unreadable or does not match, or a non-loopback
    /// address lacks TLS without the explicit override. The message names the setting or the file.
    /// </exception>
    public static WebApplicationBuilder AddAiMemoryHttp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var options = AiMemoryHttpSettings.Read(builder.Configuration);
        var address = ListenAddress.Parse(options.Host);
        var certificate = KestrelSetup.Prepare(options, address);

        HostLogging.AddHostLogging(builder.Services, options);
        builder.WebHost.ConfigureKestrel(kestrel => KestrelSetup.Configure(kestrel, options, address, certificate));
        builder.Services.AddAiMemoryHttp(options, builder.Configuration);
        return builder;
    }
}
