namespace AiMemory.Security.Keys;

/// <summary>
/// Persistent storage for managed API keys. The AiMemory store implements it on PostgreSQL and SQLite,
/// in the same database as the memories.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Inserts a new key record. Throws <see cref="InvalidOperationException"/> when the key id exists.</summary>
    Task CreateAsync(ApiKeyRecord record, CancellationToken cancellationToken = default);

    /// <summary>Finds a key by its id, or returns <see langword="null"/>.</summary>
    Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Lists keys, of one owner or of all owners when <paramref name="owner"/> is <see langword="null"/>.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? owner = null, CancellationToken cancellationToken = default);

    /// <summary>Marks a key revoked. Returns <see langword="false"/> when no active key has that id.</summary>
    Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);

    /// <summary>Revokes every active key, of one owner or of all owners. Returns how many were revoked.</summary>
    Task<int> RevokeAllAsync(string? owner, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);

    /// <summary>Sets or moves the expiry of a key. Returns <see langword="false"/> when no key has that id.</summary>
    Task<bool> SetExpiryAsync(string keyId, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Records that a key authenticated a request.</summary>
    Task TouchLastUsedAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default);
}
