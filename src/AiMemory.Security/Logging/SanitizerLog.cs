using AiMemory.Security.Sanitization;
using Microsoft.Extensions.Logging;

namespace AiMemory.Security.Logging;

/// <summary>
/// Logs sanitiser outcomes for callers of <see cref="InputSanitizer"/>, which itself has no logger: event 4001 when
/// something was removed and 4002 when a field was rejected. Neither message contains the text.
/// </summary>
public static class SanitizerLog
{
    /// <summary>Logs what was removed from a field, if anything.</summary>
    public static void LogRemovals(ILogger logger, string field, SanitizedText result)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (result.Changed)
        {
            SecurityLog.InputSanitized(logger, LogValue.Escape(field), string.Join(", ", result.Removed));
        }
    }

    /// <summary>Logs a rejected field with the rejection message, which names the field and the limit but not the text.</summary>
    public static void LogRejection(ILogger logger, InputRejectedException exception)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(exception);
        SecurityLog.InputRejected(logger, LogValue.Escape(exception.Field), exception.Message);
    }
}
