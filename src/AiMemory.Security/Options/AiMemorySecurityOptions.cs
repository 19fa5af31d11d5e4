namespace AiMemory.Security;

/// <summary>
/// Settings of the security layer. Environment variable names are given where a setting has one; the same settings
/// bind from the <c>AiMemory:Security</c> configuration section by property name.
/// </summary>
public sealed class AiMemorySecurityOptions
{
    /// <summary>The configuration section that binds to these options.</summary>
    public const string SectionName = "AiMemory:Security";

    /// <summary>
    /// The operator's own key (<c>API_KEY</c>), any string of at least 16 characters, such as the output of
    /// <c>openssl rand -hex 32</c>. It authenticates as the owner <c>default</c> with read, write and AI-instruction
    /// scopes, without key administration.
    /// </summary>
    /// <value>None.</value>
    public string? BootstrapApiKey { get; set; }

    /// <summary>
    /// The server secret for hashing managed keys with HMAC-SHA256 (<c>AIMEMORY_KEY_SECRET</c>, at least 32
    /// characters). Without it keys are hashed with SHA-256. Setting or changing it invalidates every stored key.
    /// </summary>
    /// <value>None: SHA-256.</value>
    public string? KeyHashSecret { get; set; }

    /// <summary>The rate-limit window (<c>RATE_LIMIT_WINDOW_MS</c>, in milliseconds).</summary>
    /// <value>15 minutes.</value>
    public TimeSpan RateLimitWindow { get; set; } = AiMemorySecurityDefaults.RateLimitWindow;

    /// <summary>Requests one key may make per window (<c>RATE_LIMIT_MAX_REQUESTS</c>).</summary>
    /// <value>100.</value>
    public int RateLimitMaxRequests { get; set; } = AiMemorySecurityDefaults.RateLimitMaxRequests;

    /// <summary>
    /// Requests one client address may make per window without valid authentication
    /// (<c>RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS</c>); stricter than the per-key quota so that guessing keys is slow.
    /// </summary>
    /// <value>20.</value>
    public int UnauthenticatedMaxRequests { get; set; } = AiMemorySecurityDefaults.UnauthenticatedMaxRequests;

    /// <summary>The maximum number of rate-limit partitions kept in memory by the in-process limiter.</summary>
    /// <value>100 000.</value>
    public int MaxRateLimitPartitions { get; set; } = AiMemorySecurityDefaults.MaxRateLimitPartitions;

    /// <summary>
    /// Counts requests in the shared store (<c>RATE_LIMIT_SHARED</c>), so that several host instances enforce one
    /// quota; needs an <see cref="RateLimiting.ISharedRateLimitStore"/> in the container.
    /// </summary>
    /// <value><see langword="false"/>: counted in process.</value>
    public bool UseSharedRateLimitStore { get; set; }

    /// <summary>
    /// Origins allowed to call from browsers (<c>ALLOWED_ORIGINS</c>, comma-separated), each
    /// <c>scheme://host[:port]</c> without a path, or <c>*</c> for any origin.
    /// </summary>
    /// <value>None: loopback origins only, and only for a loopback-bound host.</value>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Accepts the origin <c>null</c> sent by sandboxed frames and local files (<c>ALLOW_NULL_ORIGIN</c>).</summary>
    /// <value><see langword="false"/>.</value>
    public bool AllowNullOrigin { get; set; }

    /// <summary>
    /// Sends <c>Access-Control-Allow-Credentials: true</c> to allowed origins. A wildcard origin with credentials is
    /// rejected at start-up.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool AllowCredentials { get; set; }

    /// <summary>
    /// Host names accepted in the <c>Host</c> header besides the loopback names (<c>ALLOWED_HOSTS</c>,
    /// comma-separated), against DNS rebinding.
    /// </summary>
    /// <value>None.</value>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>
    /// Whether the host listens on loopback addresses only. The HTTP host sets it from its listening addresses;
    /// it allows loopback origins and restricts the <c>Host</c> header to loopback names and <see cref="AllowedHosts"/>.
    /// </summary>
    /// <value><see langword="true"/>.</value>
    public bool LoopbackBound { get; set; } = true;

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c> header is trusted (<c>TRUSTED_PROXIES</c>, comma-separated addresses or
    /// CIDR ranges such as <c>10.0.0.0/8</c>).
    /// </summary>
    /// <value>None: the header is ignored.</value>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>
    /// How long a verified key record is reused before the store is read again (<c>AIMEMORY_KEY_CACHE_MS</c>). It is
    /// the longest time a key revoked on another host instance keeps working here.
    /// </summary>
    /// <value>5 seconds.</value>
    public TimeSpan KeyCacheLifetime { get; set; } = AiMemorySecurityDefaults.KeyCacheLifetime;

    /// <summary>How long a rotated key keeps working after its replacement is created.</summary>
    /// <value>24 hours.</value>
    public TimeSpan RotationGracePeriod { get; set; } = AiMemorySecurityDefaults.RotationGracePeriod;

    /// <summary>Errors found while reading flat configuration values, reported by the options validator.</summary>
    internal List<string> BindingErrors { get; } = [];
}
