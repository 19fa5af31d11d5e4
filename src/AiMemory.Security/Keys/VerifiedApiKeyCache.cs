using System.Collections.Concurrent;
using AiMemory.Security.Authentication;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.Keys;

/// <summary>
/// Key records read from the store, reused for <see cref="AiMemorySecurityOptions.KeyCacheLifetime"/> so that most
/// requests need no store read. Revocation through <see cref="ApiKeyAdministration"/> removes the entry at once on
/// this instance; other instances see it when their entry expires. One instance is shared by the authenticator and
/// the administration service.
/// </summary>
public sealed class VerifiedApiKeyCache
{
    /// <summary>The maximum number of cached keys; the cache is emptied when it is full.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;

    /// <summary>Creates an empty cache.</summary>
    public VerifiedApiKeyCache(IOptions<AiMemorySecurityOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _lifetime = options.Value.KeyCacheLifetime;
        _timeProvider = timeProvider;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of cached keys.</summary>
    public int Count => _entries.Count;

    /// <summary>Removes a key, so that the next request reads it from the store.</summary>
    public void Invalidate(string keyId) => _entries.TryRemove(keyId, out _);

    /// <summary>Removes every key.</summary>
    public void Clear() => _entries.Clear();

    internal Entry? Find(ReadOnlySpan<char> keyId)
    {
        if (!_lookup.TryGetValue(keyId, out var entry))
        {
            return null;
        }

        if (_timeProvider.GetUtcNow() - entry.FetchedAt < _lifetime)
        {
            return entry;
        }

        _entries.TryRemove(new KeyValuePair<string, Entry>(entry.Record.KeyId, entry));
        return null;
    }

    internal Entry Add(ApiKeyRecord record)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var entry = new Entry(record, _timeProvider.GetUtcNow());
        if (_lifetime > TimeSpan.Zero)
        {
            _entries[record.KeyId] = entry;
        }

        return entry;
    }

    /// <summary>A cached record with the identity it grants, built once.</summary>
    internal sealed class Entry(ApiKeyRecord record, DateTimeOffset fetchedAt)
    {
        public ApiKeyRecord Record { get; } = record;

        public DateTimeOffset FetchedAt { get; } = fetchedAt;

        public CallerIdentity Identity { get; } = new(record.Owner, record.KeyId, record.Scopes);

        /// <summary>The last use recorded in the store by this instance, in UTC ticks.</summary>
        public long LastUseRecordedTicks = record.LastUsedAt?.UtcTicks ?? 0;
    }
}
