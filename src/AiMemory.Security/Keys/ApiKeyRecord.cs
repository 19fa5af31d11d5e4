namespace AiMemory.Security.Keys;

/// <summary>
/// A managed API key as the key store keeps it: metadata and a keyed hash, never the key itself.
/// </summary>
/// <param name="KeyId">The public identifier embedded in the key, used to look the record up.</param>
/// <param name="Owner">The owner whose data the key reaches.</param>
/// <param name="Name">A label chosen by the operator.</param>
/// <param name="Scopes">The scopes the key grants, from <see cref="AiMemoryScopes"/>.</param>
/// <param name="Hash">The keyed hash of the whole key text (32 bytes), from <see cref="ApiKeyHasher"/>.</param>
/// <param name="CreatedAt">When the key was created (UTC).</param>
/// <param name="LastUsedAt">When the key last authenticated a request (UTC), written at most once a minute.</param>
/// <param name="ExpiresAt">When the key stops working (UTC), or <see langword="null"/> for no expiry.</param>
/// <param name="RevokedAt">When the key was revoked (UTC), or <see langword="null"/> while it is active.</param>
public sealed record ApiKeyRecord(
    string KeyId,
    string Owner,
    string Name,
    IReadOnlyList<string> Scopes,
    byte[] Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Checks whether the key may authenticate a request at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
