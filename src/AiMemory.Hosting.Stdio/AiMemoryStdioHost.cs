using AiMemory.Hosting.Stdio.Configuration;
using AiMemory.Hosting.Stdio.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiMemory.Hosting.Stdio;

/// <summary>
/// Runs AiMemory as a stdio MCP server: the process an MCP client such as Claude Desktop starts and talks to over
/// stdin and stdout. A program's <c>Main</c> can be one line: <c>return await AiMemoryStdioHost.RunAsync(args);</c>
/// </summary>
public static class AiMemoryStdioHost
{
    /// <summary>The exit code of a run that stopped because of a setting or an invalid <c>API_KEY</c>.</summary>
    public const int StartupFailedExitCode = 1;

    /// <summary>The exit code of a run that stopped because of an unexpected error, such as an unreachable database.</summary>
    public const int UnexpectedFailureExitCode = 2;

    /// <summary>
    /// Creates a host builder with the stdio server added. Configuration comes, from lowest to highest precedence,
    /// from <c>appsettings.json</c> in the working directory, a <c>.env</c> file there, and the environment.
    /// The builder starts empty (no default console logger, no configuration reload) so the server starts quickly.
    /// </summary>
    /// <exception cref="StdioStartupException">A setting is invalid.</exception>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        var contentRoot = Directory.GetCurrentDirectory();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = contentRoot,
        });

        builder.Configuration.AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        builder.AddAiMemoryStdio();
        return builder;
    }

    /// <summary>Runs the stdio server until stdin ends or the process is asked to stop (SIGTERM, Ctrl+C).</summary>
    /// <returns>
    /// 0 after a clean stop; <see cref="StartupFailedExitCode"/> when a setting or the key is invalid;
    /// <see cref="UnexpectedFailureExitCode"/> after any other error.
    /// </returns>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        RunAsync(args, configure: null, cancellationToken);

    /// <summary>
    /// Runs the stdio server like <see cref="RunAsync(string[], CancellationToken)"/>, after
    /// <paramref name="configure"/> has added or replaced services on the builder.
    /// </summary>
    /// <returns>
    /// 0 after a clean stop; <see cref="StartupFailedExitCode"/> when a setting or the key is invalid;
    /// <see cref="UnexpectedFailureExitCode"/> after any other error.
    /// </returns>
    public static async Task<int> RunAsync(
        string[] args,
        Action<HostApplicationBuilder>? configure,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var builder = CreateBuilder(args);
            configure?.Invoke(builder);
            using var host = builder.Build();

            // Start-up checks run before the host starts, so a refusal prints one clear line instead of the host's
            // "hosting failed to start" report with a stack trace.
            await host.Services.GetRequiredService<StdioStartup>().RunAsync(cancellationToken);
            await host.StartAsync(cancellationToken);

            // Start-up leaves megabytes of garbage, and the client's handshake usually follows at once, so the collection
            // waits until the server has been idle for a moment.
            host.Services.GetRequiredService<IdleMemoryTrimmer>().ScheduleAfterIdle();
            await host.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        catch (Exception exception) when (exception is StdioStartupException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"aimemory-stdio: {exception.Message}");
            return StartupFailedExitCode;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not a setting the user can fix from the message alone: the details follow for a bug report.
            await Console.Error.WriteLineAsync($"aimemory-stdio: the server failed: {exception.Message}");
            await Console.Error.WriteLineAsync(exception.ToString());
            return UnexpectedFailureExitCode;
        }
    }
}
