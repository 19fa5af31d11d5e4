using Microsoft.Extensions.Logging;

namespace AiMemory.Security.Logging;

/// <summary>
/// Security events with stable ids: authentication 1000s, rate limiting 2000s, origin and host 3000s, sanitiser
/// 4000s, key administration 5000s. Values from requests are passed through <see cref="LogValue.Escape"/> first.
/// No message takes a key or a key hash.
/// </summary>
internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 1001, EventName = "Authenticated", Level = LogLevel.Debug,
        Message = "Authenticated key {KeyId} of owner {Owner}")]
    public static partial void Authenticated(ILogger logger, string keyId, string owner);

    [LoggerMessage(EventId = 1002, EventName = "Unauthorized", Level = LogLevel.Warning,
        Message = "Unauthorized: {Reason}, key id {KeyId}")]
    public static partial void Unauthorized(ILogger logger, string reason, string keyId);

    [LoggerMessage(EventId = 1004, EventName = "LastUsedUpdateFailed", Level = LogLevel.Warning,
        Message = "Failed to record the last use of key {KeyId}; authentication continues")]
    public static partial void LastUsedUpdateFailed(ILogger logger, Exception exception, string keyId);

    [LoggerMessage(EventId = 2001, EventName = "RateLimitExceeded", Level = LogLevel.Warning,
        Message = "Rate limit exceeded for {Partition}: {Limit} requests per {WindowSeconds} s, retry after {RetryAfterSeconds} s (logged once per partition and window)")]
    public static partial void RateLimitExceeded(ILogger logger, string partition, int limit, long windowSeconds, long retryAfterSeconds);

    [LoggerMessage(EventId = 2002, EventName = "RateLimitPartitionsFull", Level = LogLevel.Warning,
        Message = "Rate limit exceeded for {Partition}: the in-process limiter tracks {Count} partitions, its maximum; new client addresses are rejected until the window ends")]
    public static partial void RateLimitPartitionsFull(ILogger logger, string partition, int count);

    [LoggerMessage(EventId = 3001, EventName = "ForbiddenOrigin", Level = LogLevel.Warning,
        Message = "Forbidden origin {Origin}: {Reason}")]
    public static partial void ForbiddenOrigin(ILogger logger, string origin, string reason);

    [LoggerMessage(EventId = 3002, EventName = "ForbiddenHost", Level = LogLevel.Warning,
        Message = "Forbidden host {Host}: {Reason}")]
    public static partial void ForbiddenHost(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 4001, EventName = "InputSanitized", Level = LogLevel.Information,
        Message = "Sanitised field {Field}: removed {Removed}")]
    public static partial void InputSanitized(ILogger logger, string field, string removed);

    [LoggerMessage(EventId = 4002, EventName = "InputRejected", Level = LogLevel.Information,
        Message = "Rejected field {Field}: {Reason}")]
    public static partial void InputRejected(ILogger logger, string field, string reason);

    [LoggerMessage(EventId = 5001, EventName = "KeyCreated", Level = LogLevel.Information,
        Message = "Created API key {KeyId} named {Name} for owner {Owner} with scopes {Scopes}, expires {ExpiresAt}")]
    public static partial void KeyCreated(ILogger logger, string keyId, string name, string owner, string scopes, string expiresAt);

    [LoggerMessage(EventId = 5002, EventName = "KeyRevoked", Level = LogLevel.Information,
        Message = "Revoked API key {KeyId}")]
    public static partial void KeyRevoked(ILogger logger, string keyId);

    [LoggerMessage(EventId = 5003, EventName = "KeysRevoked", Level = LogLevel.Information,
        Message = "Revoked {Count} API keys of owner {Owner}")]
    public static partial void KeysRevoked(ILogger logger, int count, string owner);

    [LoggerMessage(EventId = 5004, EventName = "KeyRotated", Level = LogLevel.Information,
        Message = "Rotated API key {OldKeyId} to {NewKeyId}; the old key expires at {ExpiresAt}")]
    public static partial void KeyRotated(ILogger logger, string oldKeyId, string newKeyId, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 5005, EventName = "KeyNotFound", Level = LogLevel.Information,
        Message = "No active API key {KeyId} to revoke")]
    public static partial void KeyNotFound(ILogger logger, string keyId);
}
