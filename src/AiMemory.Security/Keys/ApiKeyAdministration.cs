using AiMemory.Security.Logging;
using AiMemory.Security.Sanitization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.Keys;

/// <summary>
/// Creates, lists, revokes and rotates managed API keys, for the command line and the HTTP host. A new key's text
/// is returned once and only its hash is stored. Revocation takes effect on this instance at the next request and on
/// other instances within <see cref="AiMemorySecurityOptions.KeyCacheLifetime"/>.
/// </summary>
public sealed class ApiKeyAdministration
{
    /// <summary>The maximum length of an owner id.</summary>
    public const int MaxOwnerLength = 200;

    /// <summary>The maximum length of a key name.</summary>
    public const int MaxNameLength = 200;

    private readonly IApiKeyStore _store;
    private readonly ApiKeyHasher _hasher;
    private readonly VerifiedApiKeyCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _defaultGracePeriod;
    private readonly ILogger _logger;

    /// <summary>Creates the service over a key store.</summary>
    public ApiKeyAdministration(
        IApiKeyStore store,
        ApiKeyHasher hasher,
        VerifiedApiKeyCache cache,
        TimeProvider timeProvider,
        IOptions<AiMemorySecurityOptions> options,
        ILogger<ApiKeyAdministration> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _hasher = hasher;
        _cache = cache;
        _timeProvider = timeProvider;
        _defaultGracePeriod = options.Value.RotationGracePeriod;
        _logger = logger;
    }

    /// <summary>Creates a key and returns its text, which is not stored and cannot be shown again.</summary>
    /// <param name="owner">The owner whose data the key reaches.</param>
    /// <param name="name">A label for operators, at most <see cref="MaxNameLength"/> characters.</param>
    /// <param name="scopes">One or more scopes from <see cref="AiMemoryScopes"/>.</param>
    /// <param name="expiresAt">When the key stops working, or <see langword="null"/> for never.</param>
    /// <exception cref="ArgumentException">An argument is invalid; the message names it and the rule.</exception>
    public async Task<CreatedApiKey> CreateAsync(
        string owner,
        string name,
        IEnumerable<string> scopes,
        DateTimeOffset? expiresAt = null,
        CancellationToken cancellationToken = default)
    {
        ValidateOwner(owner);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(scopes);

        var cleanName = SanitizeName(name);
        var scopeList = ValidateScopes(scopes);
        var now = _timeProvider.GetUtcNow();
        if (expiresAt is not null && expiresAt <= now)
        {
            throw new ArgumentException($"The expiry time {expiresAt:O} is not in the future; choose a later time.", nameof(expiresAt));
        }

        var key = ApiKeyFormat.Generate(out var keyId);
        var record = new ApiKeyRecord(keyId, owner, cleanName, scopeList, _hasher.ComputeHash(key), now, null, expiresAt, null);
        await _store.CreateAsync(record, cancellationToken).ConfigureAwait(false);

        SecurityLog.KeyCreated(
            _logger, keyId, LogValue.Escape(cleanName), LogValue.Escape(owner), string.Join(' ', scopeList), expiresAt?.ToString("O") ?? "never");
        return new CreatedApiKey(key, ApiKeySummary.From(record, now));
    }

    /// <summary>
    /// Creates a first key with every scope for <paramref name="owner"/> when the store has no active key at all, so
    /// that a new installation can be administered; returns <see langword="null"/> otherwise.
    /// </summary>
    /// <remarks>Two instances starting at the same moment against an empty store may each create one.</remarks>
    public async Task<CreatedApiKey?> CreateFirstKeyAsync(
        string owner = AiMemorySecurityDefaults.DefaultOwner, CancellationToken cancellationToken = default)
    {
        var existing = await _store.ListAsync(null, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        if (existing.Any(record => record.IsActiveAt(now)))
        {
            return null;
        }

        return await CreateAsync(owner, "first key", AiMemoryScopes.All, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists keys without their hashes, of one owner or of all owners.</summary>
    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(string? owner = null, CancellationToken cancellationToken = default)
    {
        var records = await _store.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        return records.Select(record => ApiKeySummary.From(record, now)).ToArray();
    }

    /// <summary>Revokes a key. Returns <see langword="false"/> when no active key has that id.</summary>
    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);

        var revoked = await _store.RevokeAsync(keyId, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _cache.Invalidate(keyId);
        if (revoked)
        {
            SecurityLog.KeyRevoked(_logger, LogValue.Escape(keyId));
        }
        else
        {
            SecurityLog.KeyNotFound(_logger, LogValue.Escape(keyId));
        }

        return revoked;
    }

    /// <summary>Revokes every active key of one owner, or of all owners when <paramref name="owner"/> is null.</summary>
    public async Task<int> RevokeAllAsync(string? owner, CancellationToken cancellationToken = default)
    {
        var count = await _store.RevokeAllAsync(owner, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _cache.Clear();
        SecurityLog.KeysRevoked(_logger, count, owner is null ? "(all)" : LogValue.Escape(owner));
        return count;
    }

    /// <summary>
    /// Replaces a key by a new one with the same owner, name and scopes. The old key keeps working for
    /// <paramref name="gracePeriod"/> (default <see cref="AiMemorySecurityOptions.RotationGracePeriod"/>), or less
    /// when it was due to expire sooner, so that clients can switch.
    /// </summary>
    /// <exception cref="InvalidOperationException">No active key has the id.</exception>
    public async Task<CreatedApiKey> RotateAsync(string keyId, TimeSpan? gracePeriod = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var grace = gracePeriod ?? _defaultGracePeriod;
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero, nameof(gracePeriod));

        var old = await _store.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        if (old is null || !old.IsActiveAt(now))
        {
            throw new InvalidOperationException($"No active API key has the id '{LogValue.Escape(keyId)}'; list the keys to find it.");
        }

        var replacement = await CreateAsync(old.Owner, old.Name, old.Scopes, old.ExpiresAt, cancellationToken).ConfigureAwait(false);
        var oldExpiry = old.ExpiresAt is { } expiry && expiry < now + grace ? expiry : now + grace;
        await _store.SetExpiryAsync(old.KeyId, oldExpiry, cancellationToken).ConfigureAwait(false);
        _cache.Invalidate(old.KeyId);

        SecurityLog.KeyRotated(_logger, old.KeyId, replacement.Summary.KeyId, oldExpiry);
        return replacement;
    }

    private static void ValidateOwner(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.Length is 0 or > MaxOwnerLength || owner.Any(character => character is <= ' ' or >= '\u007F'))
        {
            throw new ArgumentException(
                $"The owner id must be 1 to {MaxOwnerLength} printable ASCII characters without spaces.", nameof(owner));
        }
    }

    private static string SanitizeName(string name)
    {
        try
        {
            return InputSanitizer.Sanitize("name", name.Trim(), MaxNameLength).Value;
        }
        catch (InputRejectedException exception)
        {
            throw new ArgumentException(exception.Message, nameof(name), exception);
        }
    }

    private static string[] ValidateScopes(IEnumerable<string> scopes)
    {
        var list = scopes.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException($"A key needs at least one scope: {string.Join(", ", AiMemoryScopes.All)}.", nameof(scopes));
        }

        var unknown = list.Where(scope => !AiMemoryScopes.IsKnown(scope)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"Unknown scope '{LogValue.Escape(unknown[0])}'; the scopes are {string.Join(", ", AiMemoryScopes.All)}.", nameof(scopes));
        }

        return list;
    }
}
