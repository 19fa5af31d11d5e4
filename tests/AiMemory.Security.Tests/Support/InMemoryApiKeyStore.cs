using System.Collections.Concurrent;
using AiMemory.Security.Keys;

namespace AiMemory.Security.Tests.Support;

/// <summary>
/// A test double of the key store with the contract of the real stores: records are copied in and out, a duplicate
/// id is rejected, revocation affects active keys only. It counts reads so tests can prove what skips the store.
/// </summary>
internal sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _records = new(StringComparer.Ordinal);

    public int FindCount;
    public int TouchCount;
    public Exception? TouchFailure;

    public IReadOnlyCollection<ApiKeyRecord> Records => _records.Values.ToArray();

    public Task CreateAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        if (!_records.TryAdd(record.KeyId, Copy(record)))
        {
            throw new InvalidOperationException($"An API key with the id '{record.KeyId}' exists.");
        }

        return Task.CompletedTask;
    }

    public Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref FindCount);
        return Task.FromResult(_records.TryGetValue(keyId, out var record) ? Copy(record) : null);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? owner = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKeyRecord>>(
            _records.Values.Where(record => owner is null || record.Owner == owner).OrderBy(record => record.CreatedAt).Select(Copy).ToArray());

    public Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        if (_records.TryGetValue(keyId, out var record) && record.RevokedAt is null)
        {
            _records[keyId] = record with { RevokedAt = revokedAt };
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    public Task<int> RevokeAllAsync(string? owner, DateTimeOffset revokedAt, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var record in _records.Values.Where(record => record.RevokedAt is null && (owner is null || record.Owner == owner)))
        {
            _records[record.KeyId] = record with { RevokedAt = revokedAt };
            count++;
        }

        return Task.FromResult(count);
    }

    public Task<bool> SetExpiryAsync(string keyId, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        if (!_records.TryGetValue(keyId, out var record))
        {
            return Task.FromResult(false);
        }

        _records[keyId] = record with { ExpiresAt = expiresAt };
        return Task.FromResult(true);
    }

    public Task TouchLastUsedAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref TouchCount);
        if (TouchFailure is not null)
        {
            throw TouchFailure;
        }

        if (_records.TryGetValue(keyId, out var record))
        {
            _records[keyId] = record with { LastUsedAt = usedAt };
        }

        return Task.CompletedTask;
    }

    private static ApiKeyRecord Copy(ApiKeyRecord record) => record with { Hash = record.Hash.ToArray(), Scopes = record.Scopes.ToArray() };
}
