using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace AiMemory.Hosting.Stdio.Configuration;

/// <summary>
/// The settings the stdio host reads itself: log level and log file. The store and the security layer read
/// their own settings (<c>DATABASE_URL</c>, <c>API_KEY</c>) from the same configuration.
/// </summary>
/// <param name="LogLevel">The minimum level written to stderr and to the log file.</param>
/// <param name="LogFile">The log file path, or <see langword="null"/> to log to stderr only.</param>
internal sealed record StdioHostSettings(LogEventLevel LogLevel, string? LogFile)
{
    /// <summary>The configuration section of settings that have no flat environment name set.</summary>
    public const string SectionName = "AiMemory";

    /// <summary>
    /// Reads the settings. A flat environment name (<c>LOG_LEVEL</c>) wins over the same setting in the
    /// <c>AiMemory</c> section (<c>AiMemory:LogLevel</c>).
    /// </summary>
    /// <exception cref="StdioStartupException">A value is invalid.</exception>
    public static StdioHostSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var level = Get(configuration, "LOG_LEVEL", "LogLevel");
        var logFile = Get(configuration, "LOG_FILE", "LogFile");
        return new StdioHostSettings(level is null ? LogEventLevel.Information : ParseLevel(level), logFile);
    }

    /// <summary>Returns the trimmed value of a flat variable, or else of the key in the <c>AiMemory</c> section.</summary>
    public static string? Get(IConfiguration configuration, string variable, string sectionKey)
    {
        var value = configuration[variable];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[$"{SectionName}:{sectionKey}"];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static LogEventLevel ParseLevel(string value) => value.ToUpperInvariant() switch
    {
        "ERROR" => LogEventLevel.Error,
        "WARN" or "WARNING" => LogEventLevel.Warning,
        "INFO" or "INFORMATION" => LogEventLevel.Information,
        "DEBUG" => LogEventLevel.Debug,
        "TRACE" => LogEventLevel.Verbose,
        _ => throw new StdioStartupException($"LOG_LEVEL value '{value}' is invalid: use error, warn, info, debug or trace."),
    };
}
