using AiMemory.Security.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.Origins;

/// <summary>
/// Decides which browser origins and which <c>Host</c> headers a request may carry. Origins are compared exactly
/// (scheme, host and port, default ports normalised), never by prefix or substring. A loopback-bound host also
/// accepts http and https origins on localhost, 127.0.0.1 and [::1] on any port. <c>Origin: null</c> is rejected
/// unless <see cref="AiMemorySecurityOptions.AllowNullOrigin"/> is set. The <c>Host</c> check guards against DNS
/// rebinding: a loopback-bound host accepts only loopback names and <see cref="AiMemorySecurityOptions.AllowedHosts"/>.
/// </summary>
public sealed class OriginPolicy
{
    /// <summary>The methods allowed in preflight responses.</summary>
    public const string AllowedMethods = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

    /// <summary>The request headers allowed in preflight responses.</summary>
    public const string AllowedRequestHeaders = "Authorization, Content-Type, X-API-Key, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID";

    /// <summary>The response headers that scripts of allowed origins may read.</summary>
    public const string ExposedResponseHeaders =
        "Mcp-Session-Id, WWW-Authenticate, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";

    /// <summary>How long browsers may cache a preflight response, in seconds.</summary>
    public const string PreflightMaxAgeSeconds = "600";

    private static readonly KeyValuePair<string, string> s_varyOrigin = new("Vary", "Origin");
    private static readonly IReadOnlyList<KeyValuePair<string, string>> s_varyOnly = [s_varyOrigin];

    private readonly HashSet<string> _allowedOrigins = new(StringComparer.Ordinal);
    private readonly HashSet<string> _allowedHosts = new(StringComparer.Ordinal);
    private readonly bool _anyOrigin;
    private readonly bool _anyHost;
    private readonly bool _allowNullOrigin;
    private readonly bool _allowCredentials;
    private readonly bool _loopbackBound;
    private readonly ILogger _logger;

    /// <summary>Creates the policy from the container's options; rejections are logged as <c>Forbidden origin</c> and <c>Forbidden host</c>.</summary>
    public OriginPolicy(IOptions<AiMemorySecurityOptions> options, ILogger<OriginPolicy> logger)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), logger)
    {
    }

    /// <summary>Creates the policy from options.</summary>
    /// <exception cref="ArgumentException">An allowed origin or host is invalid; the message names the entry.</exception>
    public OriginPolicy(AiMemorySecurityOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger ?? NullLogger.Instance;
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _allowNullOrigin = options.AllowNullOrigin;
        _allowCredentials = options.AllowCredentials;
        _loopbackBound = options.LoopbackBound;
        foreach (var entry in options.AllowedOrigins.Select(entry => entry.Trim()))
        {
            if (entry == "*")
            {
                _anyOrigin = true;
            }
            else if (WebOrigin.TryParse(entry, out var origin, out _))
            {
                _allowedOrigins.Add(origin.Canonical);
            }
        }

        foreach (var entry in options.AllowedHosts.Select(entry => entry.Trim()))
        {
            if (entry == "*")
            {
                _anyHost = true;
            }
            else if (HostNames.TrySplitAuthority(entry, out var host, out _))
            {
                _allowedHosts.Add(host);
            }
        }

        // A host on a public address with no host list accepts any Host header; DNS rebinding targets loopback services.
        _anyHost |= !_loopbackBound && _allowedHosts.Count == 0;
    }

    /// <summary>Decides on the value of a request's <c>Origin</c> header (<see langword="null"/> when absent).</summary>
    public OriginDecision EvaluateOrigin(string? origin)
    {
        var decision = DecideOrigin(origin);
        if (!decision.IsAllowed)
        {
            SecurityLog.ForbiddenOrigin(_logger, LogValue.Escape(origin), decision.Reason!);
        }

        return decision;
    }

    /// <summary>Decides on the value of a request's <c>Host</c> header.</summary>
    public HostDecision EvaluateHost(string? hostHeader)
    {
        var decision = DecideHost(hostHeader);
        if (!decision.IsAllowed)
        {
            SecurityLog.ForbiddenHost(_logger, LogValue.Escape(hostHeader), decision.Reason!);
        }

        return decision;
    }

    private OriginDecision DecideOrigin(string? origin)
    {
        if (origin is null)
        {
            return new OriginDecision(true, false, null, s_varyOnly, []);
        }

        origin = origin.Trim();
        if (origin == "null")
        {
            return _allowNullOrigin ? Allow("null") : Reject("the null origin is not allowed; set ALLOW_NULL_ORIGIN=true to allow it");
        }

        if (!WebOrigin.TryParse(origin, out var parsed, out _))
        {
            return Reject("the origin is malformed");
        }

        if (_loopbackBound && parsed.IsLoopback)
        {
            return Allow(origin);
        }

        if (_allowedOrigins.Contains(parsed.Canonical))
        {
            return Allow(origin);
        }

        if (!_anyOrigin)
        {
            return Reject("the origin is not in ALLOWED_ORIGINS");
        }

        // With credentials a browser requires the exact origin; without them the wildcard is enough.
        return Allow(_allowCredentials ? origin : "*");
    }

    private HostDecision DecideHost(string? hostHeader)
    {
        if (string.IsNullOrWhiteSpace(hostHeader))
        {
            return new HostDecision(false, "the Host header is missing");
        }

        if (!HostNames.TrySplitAuthority(hostHeader.Trim(), out var host, out _))
        {
            return new HostDecision(false, "the Host header is malformed");
        }

        if (_anyHost || HostNames.IsLoopbackName(host) || _allowedHosts.Contains(host))
        {
            return new HostDecision(true, null);
        }

        return new HostDecision(false, "the host is not a loopback name or in ALLOWED_HOSTS");
    }

    /// <summary>
    /// Checks the origin and host settings and returns one message per problem, or none when they are valid. Each
    /// message names the entry, its setting and the fix.
    /// </summary>
    public static IReadOnlyList<string> Validate(AiMemorySecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var raw in options.AllowedOrigins)
        {
            var entry = raw?.Trim() ?? string.Empty;
            if (entry == "*")
            {
                if (options.AllowCredentials)
                {
                    errors.Add("ALLOWED_ORIGINS contains '*' while credentials are allowed; list the origins explicitly or turn AllowCredentials off.");
                }
            }
            else if (entry.Length == 0)
            {
                errors.Add("ALLOWED_ORIGINS contains an empty entry; remove the extra comma.");
            }
            else if (!WebOrigin.TryParse(entry, out _, out var error))
            {
                errors.Add($"ALLOWED_ORIGINS entry '{Logging.LogValue.Escape(entry)}' is invalid: {error}.");
            }
        }

        foreach (var raw in options.AllowedHosts)
        {
            var entry = raw?.Trim() ?? string.Empty;
            if (entry != "*" && (!HostNames.TrySplitAuthority(entry, out var host, out var port) || host.Length == 0 || port is not null))
            {
                errors.Add($"ALLOWED_HOSTS entry '{Logging.LogValue.Escape(entry)}' is invalid: write a host name or IP address without scheme or port, such as memory.example.com.");
            }
        }

        return errors;
    }

    private OriginDecision Allow(string allowOrigin)
    {
        var response = new List<KeyValuePair<string, string>>(4)
        {
            new("Access-Control-Allow-Origin", allowOrigin),
            s_varyOrigin,
            new("Access-Control-Expose-Headers", ExposedResponseHeaders),
        };
        var preflight = new List<KeyValuePair<string, string>>(6)
        {
            new("Access-Control-Allow-Origin", allowOrigin),
            s_varyOrigin,
            new("Access-Control-Allow-Methods", AllowedMethods),
            new("Access-Control-Allow-Headers", AllowedRequestHeaders),
            new("Access-Control-Max-Age", PreflightMaxAgeSeconds),
        };
        if (_allowCredentials)
        {
            response.Add(new("Access-Control-Allow-Credentials", "true"));
            preflight.Add(new("Access-Control-Allow-Credentials", "true"));
        }

        return new OriginDecision(true, true, null, response, preflight);
    }

    private static OriginDecision Reject(string reason) => new(false, true, reason, s_varyOnly, []);
}
