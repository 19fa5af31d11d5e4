namespace AiMemory.Security.Origins;

/// <summary>The verdict on a request's <c>Origin</c> header and the CORS headers its response carries.</summary>
/// <param name="IsAllowed">Whether the request may proceed; when false the host responds 403 before authentication.</param>
/// <param name="HasOrigin">Whether the request carried an <c>Origin</c> header at all.</param>
/// <param name="Reason">Why the origin was rejected, for logs; <see langword="null"/> when allowed.</param>
/// <param name="ResponseHeaders">Headers to add to the response of an actual (non-preflight) request; always contains <c>Vary: Origin</c>.</param>
/// <param name="PreflightHeaders">Headers to add to the response to a preflight (<c>OPTIONS</c>) request; empty when rejected.</param>
public readonly record struct OriginDecision(
    bool IsAllowed,
    bool HasOrigin,
    string? Reason,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    IReadOnlyList<KeyValuePair<string, string>> PreflightHeaders);

/// <summary>The verdict on a request's <c>Host</c> header.</summary>
/// <param name="IsAllowed">Whether the request may proceed; when false the host responds 403.</param>
/// <param name="Reason">Why the host was rejected, for logs; <see langword="null"/> when allowed.</param>
public readonly record struct HostDecision(bool IsAllowed, string? Reason);
