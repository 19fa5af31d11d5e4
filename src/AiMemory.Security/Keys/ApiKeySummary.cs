namespace AiMemory.Security.Keys;

/// <summary>A managed key as listed to operators: its metadata without the hash.</summary>
public sealed record ApiKeySummary(
    string KeyId,
    string Owner,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    ApiKeyStatus Status)
{
    internal static ApiKeySummary From(ApiKeyRecord record, DateTimeOffset now) => new(
        record.KeyId,
        record.Owner,
        record.Name,
        record.Scopes,
        record.CreatedAt,
        record.LastUsedAt,
        record.ExpiresAt,
        record.RevokedAt,
        record.RevokedAt is not null ? ApiKeyStatus.Revoked : record.IsActiveAt(now) ? ApiKeyStatus.Active : ApiKeyStatus.Expired);
}

/// <summary>Whether a key can authenticate requests.</summary>
public enum ApiKeyStatus
{
    /// <summary>The key works.</summary>
    Active,

    /// <summary>The key's expiry time has passed.</summary>
    Expired,

    /// <summary>The key was revoked.</summary>
    Revoked,
}

/// <summary>A newly created key: its text, shown once and never stored, and its metadata.</summary>
/// <param name="Key">The key text. <see cref="ToString"/> leaves it out so that it cannot reach a log by accident.</param>
public sealed record CreatedApiKey(string Key, ApiKeySummary Summary)
{
    /// <summary>Describes the key without its text.</summary>
    public override string ToString() => $"CreatedApiKey {{ KeyId = {Summary.KeyId}, Owner = {Summary.Owner} }}";
}
