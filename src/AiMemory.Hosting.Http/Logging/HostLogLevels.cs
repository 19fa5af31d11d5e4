using Serilog.Events;

namespace AiMemory.Hosting.Http.Logging;

/// <summary>Maps the <c>LOG_LEVEL</c> names of the operations guide to Serilog levels.</summary>
internal static class HostLogLevels
{
    /// <summary>Parses <c>error</c>, <c>warn</c>, <c>info</c>, <c>debug</c> or <c>trace</c> (any case).</summary>
    public static LogEventLevel Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "INFO" or "INFORMATION" => LogEventLevel.Information,
        "ERROR" => LogEventLevel.Error,
        "WARN" or "WARNING" => LogEventLevel.Warning,
        "DEBUG" => LogEventLevel.Debug,
        "TRACE" or "VERBOSE" => LogEventLevel.Verbose,
        _ => throw new HostStartupException($"LOG_LEVEL value '{name}' is invalid: use error, warn, info, debug or trace."),
    };
}
