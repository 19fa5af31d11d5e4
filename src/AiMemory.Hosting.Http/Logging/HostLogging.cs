using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace AiMemory.Hosting.Http.Logging;

/// <summary>Builds the Serilog logger of the host: standard error always, and a daily rolling file when asked.</summary>
internal static class HostLogging
{
    private const string OutputTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Replaces the logging providers of <paramref name="services"/> with Serilog configured from the options.</summary>
    public static void AddHostLogging(IServiceCollection services, AiMemoryHttpOptions options)
    {
        var logger = CreateLogger(options);
        services.AddSerilog(logger, dispose: true);
    }

    /// <summary>Creates the logger. Framework categories stay at warning unless debug or trace is asked for.</summary>
    public static Serilog.Core.Logger CreateLogger(AiMemoryHttpOptions options)
    {
        var level = HostLogLevels.Parse(options.LogLevel);
        var frameworkLevel = level < LogEventLevel.Information ? level : (LogEventLevel)Math.Max((int)level, (int)LogEventLevel.Warning);

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", frameworkLevel)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", level)
            .MinimumLevel.Override("System", frameworkLevel)
            .Enrich.FromLogContext()
            .Filter.ByExcluding(IsHostBindFailure)
            .WriteTo.Console(outputTemplate: OutputTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: null);

        if (!string.IsNullOrWhiteSpace(options.LogFile))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(options.LogFile));
            if (!string.IsNullOrEmpty(directory))
            {
                try
                {
                    Directory.CreateDirectory(directory);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw new HostStartupException(
                        $"LOG_FILE folder '{directory}' cannot be created: {exception.Message} Choose a writable folder.", exception);
                }
            }

            configuration = configuration.WriteTo.File(
                options.LogFile,
                outputTemplate: OutputTemplate,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 30,
                formatProvider: null);
        }

        return configuration.CreateLogger();
    }

    /// <summary>Reports whether <paramref name="exception"/> is Kestrel's failure to bind a port that is already in use.</summary>
    public static bool IsAddressInUse(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AddressInUseException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Matches the generic host's error event for a port already in use. The program prints that failure as one
    /// line with the address, so the event's stack trace would only bury it.
    /// </summary>
    private static bool IsHostBindFailure(LogEvent logEvent) =>
        logEvent.Exception is { } exception &&
        IsAddressInUse(exception) &&
        logEvent.Properties.TryGetValue("SourceContext", out var source) &&
        source is ScalarValue { Value: "Microsoft.Extensions.Hosting.Internal.Host" };
}
