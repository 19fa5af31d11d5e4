using AiMemory.Core.Mcp;
using AiMemory.Hosting.Stdio;
using AiMemory.Hosting.Stdio.Identity;
using AiMemory.Hosting.Stdio.Configuration;
using AiMemory.Hosting.Stdio.Logging;
using AiMemory.Hosting.Stdio.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AiMemory.Security;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds the AiMemory stdio MCP server to a host builder.</summary>
public static class AiMemoryStdioHostApplicationBuilderExtensions
{
    /// <summary>The server name sent to clients in the <c>initialize</c> result.</summary>
    public const string ServerName = "aimemory";

    /// <summary>
    /// Adds the AiMemory stdio MCP server: settings from a <c>.env</c> file in the working directory (below the
    /// environment), logging to stderr and the optional <c>LOG_FILE</c>, and the MCP server on stdin and stdout.
    /// Calling it twice is harmless.
    /// </summary>
    /// <exception cref="StdioStartupException">A setting is invalid.</exception>
    public static IHostApplicationBuilder AddAiMemoryStdio(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var services = builder.Services;
        if (services.Any(descriptor => descriptor.ServiceType == typeof(StdioStartup)))
        {
            return builder;
        }

        DotEnvFile.AddTo(builder.Configuration, Path.Combine(Directory.GetCurrentDirectory(), DotEnvFile.FileName));
        var settings = StdioHostSettings.Read(builder.Configuration);
        var logging = StdioLogging.Configure(builder.Logging, settings);
        var trimmer = new IdleMemoryTrimmer();
        services.AddSingleton(trimmer);
        var (input, output) = ConsoleProtocolStreams.Open(logging.CreateLogger(typeof(GuardedInputStream).FullName!), trimmer);

        // The host's "Application started. Press Ctrl+C" lines mean nothing to an MCP client's log.
        services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);

        var configuration = builder.Configuration;
        services.AddAiMemory(configuration);
        services.AddAiMemorySecurity(options => AiMemorySecurityConfiguration.Bind(configuration, options));

        var presentedKey = new StdioPresentedKey(configuration);
        services.AddSingleton(presentedKey);
        services.AddSingleton<IPostConfigureOptions<AiMemorySecurityOptions>>(presentedKey);
        services.TryAddSingleton<StdioCallerIdentity>();
        services.TryAddSingleton<IAmbientCallerIdentity>(provider => provider.GetRequiredService<StdioCallerIdentity>());
        services.TryAddSingleton<StdioIdentityResolver>();
        services.TryAddSingleton<StdioStartup>();

        // Registered before the MCP server's hosted service, so the start-up checks finish before it reads stdin.
        services.AddHostedService<StdioStartupService>();
        services
            .AddMcpServer(options => options.ServerInfo = new Implementation { Name = ServerName, Version = ServerVersion })
            .WithStreamServerTransport(input, output)
            .WithAiMemoryTools();
        return builder;
    }

    private static string ServerVersion { get; } =
        typeof(AiMemoryStdioHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
