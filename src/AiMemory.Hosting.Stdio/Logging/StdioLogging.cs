using AiMemory.Hosting.Stdio.Configuration;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace AiMemory.Hosting.Stdio.Logging;

/// <summary>
/// Sends every log event to stderr and, with <c>LOG_FILE</c>, to a file that rolls over daily and keeps 30 days.
/// Nothing is written to stdout, because stdout carries the MCP protocol messages.
/// </summary>
internal static class StdioLogging
{
    /// <summary>The number of daily log files kept; older ones are deleted when the file rolls over.</summary>
    public const int RetainedFileCount = 30;

    private const string OutputTemplate =
        "{UtcTimestamp:yyyy-MM-ddTHH:mm:ss.fffZ} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces the logging providers of <paramref name="logging"/> with the stderr and file sinks. The returned
    /// provider also serves loggers that are needed before the service container exists.
    /// </summary>
    /// <exception cref="StdioStartupException">The folder of the log file cannot be created.</exception>
    public static SerilogLoggerProvider Configure(ILoggingBuilder logging, StdioHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(settings);

        // The container disposes the provider when the host is disposed, which flushes the file.
        var provider = new SerilogLoggerProvider(CreateLogger(settings), dispose: true);
        logging.ClearProviders();
        logging.SetMinimumLevel(ToMicrosoftLevel(settings.LogLevel));
        logging.AddProvider(provider);
        return provider;
    }

    /// <summary>Creates the Serilog logger that writes to stderr and, when configured, the rolling file.</summary>
    public static Serilog.Core.Logger CreateLogger(StdioHostSettings settings)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(settings.LogLevel)
            .WriteTo.Console(outputTemplate: OutputTemplate, standardErrorFromLevel: LogEventLevel.Verbose);

        if (settings.LogFile is not null)
        {
            var path = PrepareLogFile(settings.LogFile);

            // Several hosts may share one log file (a client starts one per session), so the sink opens it shared.
            configuration.WriteTo.File(
                path,
                outputTemplate: OutputTemplate,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: RetainedFileCount,
                shared: true);
        }

        return configuration.CreateLogger();
    }

    private static string PrepareLogFile(string logFile)
    {
        try
        {
            var path = Path.GetFullPath(logFile);
            var folder = Path.GetDirectoryName(path);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            return path;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException
                                              or NotSupportedException)
        {
            throw new StdioStartupException(
                $"LOG_FILE '{logFile}' cannot be used: {exception.Message} Set LOG_FILE to a file in a writable folder, or unset it.",
                exception);
        }
    }

    private static LogLevel ToMicrosoftLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => LogLevel.Trace,
        LogEventLevel.Debug => LogLevel.Debug,
        LogEventLevel.Information => LogLevel.Information,
        LogEventLevel.Warning => LogLevel.Warning,
        LogEventLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
