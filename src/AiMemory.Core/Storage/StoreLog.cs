using Microsoft.Extensions.Logging;

namespace AiMemory.Core.Storage;

/// <summary>Log messages of the store, event ids 3000-3099. Record contents and passwords are never logged.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 3000, EventName = "StoreOpened", Level = LogLevel.Information,
        Message = "AiMemory store uses {Backend} at {Database}")]
    public static partial void Opened(ILogger logger, string backend, string database);

    [LoggerMessage(EventId = 3001, EventName = "MigrationsApplied", Level = LogLevel.Information,
        Message = "Schema of the {Backend} store at {Database} is up to date")]
    public static partial void MigrationsApplied(ILogger logger, string backend, string database);

    [LoggerMessage(EventId = 3002, EventName = "MigrationApplied", Level = LogLevel.Information,
        Message = "Applied schema migration {Version} ({Name}) to the {Backend} store")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, string backend);

    [LoggerMessage(EventId = 3010, EventName = "StoreTransientFailure", Level = LogLevel.Debug,
        Message = "A {Backend} transaction failed transiently on attempt {Attempt}; retrying")]
    public static partial void TransientFailure(ILogger logger, string backend, int attempt, Exception exception);

    [LoggerMessage(EventId = 3011, EventName = "StoreUnavailable", Level = LogLevel.Warning,
        Message = "Storage unavailable: the {Backend} database at {Database} could not be used")]
    public static partial void Unavailable(ILogger logger, string backend, string database, Exception exception);

    [LoggerMessage(EventId = 3020, EventName = "RateLimitCountersRemoved", Level = LogLevel.Debug,
        Message = "Removed {Count} expired rate-limit counters")]
    public static partial void RateLimitCountersRemoved(ILogger logger, int count);
}
