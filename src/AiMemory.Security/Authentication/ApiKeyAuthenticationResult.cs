namespace AiMemory.Security.Authentication;

/// <summary>The outcome of authenticating one presented key.</summary>
/// <param name="Identity">The caller, when authentication succeeded.</param>
/// <param name="FailureReason">Why it failed, for logs only; <see cref="ApiKeyFailureReason.None"/> on success.</param>
/// <param name="KeyId">The key id read from a well-formed key, or <see langword="null"/>; safe to log.</param>
public readonly record struct ApiKeyAuthenticationResult(CallerIdentity? Identity, ApiKeyFailureReason FailureReason, string? KeyId)
{
    /// <summary>Checks whether the key was accepted.</summary>
    public bool Succeeded => Identity is not null;

    internal static ApiKeyAuthenticationResult Success(CallerIdentity identity) => new(identity, ApiKeyFailureReason.None, identity.KeyId);

    internal static ApiKeyAuthenticationResult Failure(ApiKeyFailureReason reason, string? keyId = null) => new(null, reason, keyId);
}
