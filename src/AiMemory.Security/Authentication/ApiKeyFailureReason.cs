namespace AiMemory.Security.Authentication;

/// <summary>
/// Why authentication failed. Callers send the same 401 response for every reason, and the reason goes to logs only.
/// </summary>
public enum ApiKeyFailureReason
{
    /// <summary>Authentication succeeded.</summary>
    None = 0,

    /// <summary>No key was presented.</summary>
    Missing,

    /// <summary>The key is not in the managed format (wrong length, characters or checksum) and is not the bootstrap key.</summary>
    Malformed,

    /// <summary>The key is well formed but no key with its id exists.</summary>
    UnknownKey,

    /// <summary>A key with the id exists but the secret does not match.</summary>
    WrongSecret,

    /// <summary>The key was revoked.</summary>
    Revoked,

    /// <summary>The key has expired.</summary>
    Expired,
}
