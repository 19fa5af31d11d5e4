using System.Security.Cryptography;
using System.Text;
using AiMemory.Security.Keys;
using AiMemory.Security.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.Authentication;

/// <summary>
/// Authenticates presented API keys: the bootstrap key (<c>API_KEY</c>) and managed keys from the key store.
/// A malformed key is rejected before any store read; a managed key is looked up by its id and its hash compared
/// in constant time. Every failure is logged with the word <c>Unauthorized</c>, the reason and at most the key id.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    /// <summary>The header that carries a key, as in the operations guide's <c>curl -H "X-API-Key: ..."</c>.</summary>
    public const string ApiKeyHeaderName = "X-API-Key";

    /// <summary>The one message of every authentication failure, whatever the reason, so that responses reveal nothing.</summary>
    public const string FailureMessage = "Unauthorized: a valid API key is required in the X-API-Key header or as a Bearer token.";

    /// <summary>The <c>WWW-Authenticate</c> header value of a 401 response.</summary>
    public const string WwwAuthenticateValue = "Bearer realm=\"aimemory\"";

    private static readonly TimeSpan s_lastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly IApiKeyStore? _store;
    private readonly ApiKeyHasher _hasher;
    private readonly VerifiedApiKeyCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly byte[]? _bootstrapHash;
    private readonly bool _bootstrapIsManagedFormat;
    private readonly byte[] _bootstrapHashKey = RandomNumberGenerator.GetBytes(32);
    private readonly CallerIdentity _bootstrapIdentity = new(
        AiMemorySecurityDefaults.DefaultOwner,
        AiMemorySecurityDefaults.BootstrapKeyId,
        [AiMemoryScopes.Read, AiMemoryScopes.Write, AiMemoryScopes.WriteInstructions]);

    /// <summary>Creates an authenticator.</summary>
    /// <param name="store">The key store, or <see langword="null"/> when only the bootstrap key is accepted.</param>
    public ApiKeyAuthenticator(
        IOptions<AiMemorySecurityOptions> options,
        ApiKeyHasher hasher,
        VerifiedApiKeyCache cache,
        TimeProvider timeProvider,
        ILogger<ApiKeyAuthenticator> logger,
        IApiKeyStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _hasher = hasher;
        _cache = cache;
        _timeProvider = timeProvider;
        _logger = logger;

        // The bootstrap key is kept only as an HMAC under a key that lives in this process.
        var bootstrapKey = options.Value.BootstrapApiKey;
        _bootstrapHash = string.IsNullOrEmpty(bootstrapKey) ? null : HashBootstrapCandidate(bootstrapKey);
        _bootstrapIsManagedFormat = bootstrapKey is not null && ApiKeyFormat.IsWellFormed(bootstrapKey);
    }

    /// <summary>
    /// Reads the presented key from the <c>X-API-Key</c> header or, when that is absent, from an
    /// <c>Authorization: Bearer</c> header. Returns <see langword="null"/> when neither carries one. Keys in the query
    /// string are never read.
    /// </summary>
    public static string? ReadPresentedKey(string? apiKeyHeader, string? authorizationHeader)
    {
        if (!string.IsNullOrWhiteSpace(apiKeyHeader))
        {
            return apiKeyHeader.Trim();
        }

        const string bearer = "Bearer ";
        if (authorizationHeader is not null && authorizationHeader.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorizationHeader[bearer.Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        return null;
    }

    /// <summary>Whether a bootstrap key (<c>API_KEY</c>) is configured.</summary>
    public bool HasBootstrapKey => _bootstrapHash is not null;

    /// <summary>Whether a key store is available for managed keys.</summary>
    public bool HasKeyStore => _store is not null;

    /// <summary>
    /// Authenticates a presented key, as received in <c>X-API-Key</c> or <c>Authorization: Bearer</c>. Completes
    /// synchronously when the key is malformed, is the bootstrap key or is cached.
    /// </summary>
    /// <exception cref="Exception">The key store failed to read the key. Callers respond 503, not 401, because the key may be valid.</exception>
    public ValueTask<ApiKeyAuthenticationResult> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return ValueTask.FromResult(Fail(ApiKeyFailureReason.Missing));
        }

        if (presentedKey.Length > AiMemorySecurityDefaults.MaxPresentedKeyLength)
        {
            return ValueTask.FromResult(Fail(ApiKeyFailureReason.Malformed));
        }

        // A key in the managed format cannot be the bootstrap key unless the bootstrap key has that format too, so the
        // second hash is skipped. The choice depends on the presented key's shape only, never on a secret.
        var wellFormed = ApiKeyFormat.IsWellFormed(presentedKey);
        if (_bootstrapHash is not null && (!wellFormed || _bootstrapIsManagedFormat) && IsBootstrapKey(presentedKey))
        {
            SecurityLog.Authenticated(_logger, AiMemorySecurityDefaults.BootstrapKeyId, AiMemorySecurityDefaults.DefaultOwner);
            return ValueTask.FromResult(ApiKeyAuthenticationResult.Success(_bootstrapIdentity));
        }

        if (!wellFormed)
        {
            return ValueTask.FromResult(Fail(ApiKeyFailureReason.Malformed));
        }

        var cached = _cache.Find(ApiKeyFormat.GetKeyId(presentedKey));
        if (cached is not null && !NeedsLastUseRecorded(cached, _timeProvider.GetUtcNow()))
        {
            return ValueTask.FromResult(Check(cached, presentedKey));
        }

        return AuthenticateSlowAsync(presentedKey, cached, cancellationToken);
    }

    private async ValueTask<ApiKeyAuthenticationResult> AuthenticateSlowAsync(
        string presentedKey, VerifiedApiKeyCache.Entry? cached, CancellationToken cancellationToken)
    {
        if (cached is null)
        {
            var keyId = ApiKeyFormat.GetKeyId(presentedKey).ToString();
            var record = _store is null ? null : await _store.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return Fail(ApiKeyFailureReason.UnknownKey, keyId);
            }

            cached = _cache.Add(record);
        }

        var result = Check(cached, presentedKey);
        if (result.Succeeded)
        {
            await RecordLastUseAsync(cached, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private ApiKeyAuthenticationResult Check(VerifiedApiKeyCache.Entry entry, string presentedKey)
    {
        var record = entry.Record;
        if (!_hasher.Verify(presentedKey, record.Hash))
        {
            return Fail(ApiKeyFailureReason.WrongSecret, record.KeyId);
        }

        if (record.RevokedAt is not null)
        {
            return Fail(ApiKeyFailureReason.Revoked, record.KeyId);
        }

        if (!record.IsActiveAt(_timeProvider.GetUtcNow()))
        {
            return Fail(ApiKeyFailureReason.Expired, record.KeyId);
        }

        SecurityLog.Authenticated(_logger, record.KeyId, LogValue.Escape(record.Owner));
        return ApiKeyAuthenticationResult.Success(entry.Identity);
    }

    private static bool NeedsLastUseRecorded(VerifiedApiKeyCache.Entry entry, DateTimeOffset now) =>
        now.UtcTicks - Interlocked.Read(ref entry.LastUseRecordedTicks) >= s_lastUsedResolution.Ticks;

    /// <summary>Writes the last-used time at most once a minute per key and instance. A failed write is logged and authentication still succeeds.</summary>
    private async Task RecordLastUseAsync(VerifiedApiKeyCache.Entry entry, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var previous = Interlocked.Read(ref entry.LastUseRecordedTicks);
        if (_store is null || now.UtcTicks - previous < s_lastUsedResolution.Ticks
            || Interlocked.CompareExchange(ref entry.LastUseRecordedTicks, now.UtcTicks, previous) != previous)
        {
            return;
        }

        try
        {
            await _store.TouchLastUsedAsync(entry.Record.KeyId, now, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            SecurityLog.LastUsedUpdateFailed(_logger, exception, entry.Record.KeyId);
        }
    }

    private bool IsBootstrapKey(string presentedKey)
    {
        Span<byte> candidate = stackalloc byte[32];
        HashBootstrapCandidate(presentedKey, candidate);
        return CryptographicOperations.FixedTimeEquals(candidate, _bootstrapHash);
    }

    private byte[] HashBootstrapCandidate(string key)
    {
        var hash = new byte[32];
        HashBootstrapCandidate(key, hash);
        return hash;
    }

    private void HashBootstrapCandidate(string key, Span<byte> destination)
    {
        var maxByteCount = Encoding.UTF8.GetMaxByteCount(key.Length);
        var bytes = maxByteCount <= 2048 ? stackalloc byte[maxByteCount] : new byte[maxByteCount];
        var length = Encoding.UTF8.GetBytes(key, bytes);
        HMACSHA256.HashData(_bootstrapHashKey, bytes[..length], destination);
        CryptographicOperations.ZeroMemory(bytes[..length]);
    }

    private ApiKeyAuthenticationResult Fail(ApiKeyFailureReason reason, string? keyId = null)
    {
        SecurityLog.Unauthorized(_logger, reason.ToString(), keyId ?? "(none)");
        return ApiKeyAuthenticationResult.Failure(reason, keyId);
    }
}
