namespace AiMemory.Security;

/// <summary>Default values of <see cref="AiMemorySecurityOptions"/>, in one place.</summary>
public static class AiMemorySecurityDefaults
{
    /// <summary>The rate-limit window: 15 minutes (<c>RATE_LIMIT_WINDOW_MS=900000</c>).</summary>
    public static readonly TimeSpan RateLimitWindow = TimeSpan.FromMinutes(15);

    /// <summary>Requests per key per window.</summary>
    public const int RateLimitMaxRequests = 100;

    /// <summary>Requests per client address per window without valid authentication.</summary>
    public const int UnauthenticatedMaxRequests = 20;

    /// <summary>Rate-limit partitions kept in memory by the in-process limiter.</summary>
    public const int MaxRateLimitPartitions = 100_000;

    /// <summary>How long a verified key record is reused: 5 seconds.</summary>
    public static readonly TimeSpan KeyCacheLifetime = TimeSpan.FromSeconds(5);

    /// <summary>How long a rotated key keeps working: 24 hours.</summary>
    public static readonly TimeSpan RotationGracePeriod = TimeSpan.FromHours(24);

    /// <summary>The owner of the bootstrap key (<c>API_KEY</c>).</summary>
    public const string DefaultOwner = "default";

    /// <summary>The key id reported for requests authenticated with the bootstrap key.</summary>
    public const string BootstrapKeyId = "bootstrap";

    /// <summary>The minimum length of the bootstrap key.</summary>
    public const int MinBootstrapKeyLength = 16;

    /// <summary>The minimum length of the key hash secret.</summary>
    public const int MinKeyHashSecretLength = 32;

    /// <summary>The longest presented key examined; longer values are rejected as malformed before any hashing.</summary>
    public const int MaxPresentedKeyLength = 512;
}
