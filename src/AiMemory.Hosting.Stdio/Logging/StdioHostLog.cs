using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Stdio.Logging;

/// <summary>The stdio host's log messages. Event ids 3000-3099 belong to this host.</summary>
internal static partial class StdioHostLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information,
        Message = "AiMemory stdio server started (process {ProcessId}, {Backend} store, owner {Owner}, key {KeyId}, scopes {Scopes})")]
    public static partial void Started(ILogger logger, int processId, string backend, string owner, string keyId, string scopes);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "AiMemory stdio server stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Rejected a message on stdin with JSON-RPC error {ErrorCode}: {Reason}")]
    public static partial void MessageRejected(ILogger logger, int errorCode, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug,
        Message = "Stdin ended; waiting for the responses to {RequestCount} requests before stopping")]
    public static partial void InputEndedWaiting(ILogger logger, int requestCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Stdin ended and {RequestCount} requests had no response after {TimeoutSeconds} s; stopping without them")]
    public static partial void InputEndedUnanswered(ILogger logger, int requestCount, double timeoutSeconds);
}
