using AiMemory.Security;
using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiMemory.Benchmarks;

/// <summary>Parsing and verifying a presented API key, alone and through the authenticator's cached path.</summary>
[MemoryDiagnoser]
[MinColumn]
public class SecurityKeyBenchmarks
{
    private readonly ApiKeyHasher _sha256 = new(null);
    private readonly ApiKeyHasher _hmac = new("benchmark-secret-benchmark-secret-benchmark");
    private string _key = string.Empty;
    private byte[] _sha256Hash = [];
    private byte[] _hmacHash = [];
    private ApiKeyAuthenticator _authenticator = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _key = ApiKeyFormat.Generate(out var keyId);
        _sha256Hash = _sha256.ComputeHash(_key);
        _hmacHash = _hmac.ComputeHash(_key);

        var options = Options.Create(new AiMemorySecurityOptions { KeyCacheLifetime = TimeSpan.FromMinutes(5) });
        var store = new SingleKeyStore(new ApiKeyRecord(
            keyId, "owner", "benchmark", AiMemoryScopes.ReadWrite, _sha256Hash, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null));
        _authenticator = new ApiKeyAuthenticator(
            options, _sha256, new VerifiedApiKeyCache(options, TimeProvider.System), TimeProvider.System,
            NullLogger<ApiKeyAuthenticator>.Instance, store);
        await _authenticator.AuthenticateAsync(_key);
    }

    [Benchmark(Description = "parse + verify, SHA-256")]
    public bool ParseAndVerifySha256() => ApiKeyFormat.IsWellFormed(_key) && _sha256.Verify(_key, _sha256Hash);

    [Benchmark(Description = "parse + verify, HMAC-SHA256")]
    public bool ParseAndVerifyHmac() => ApiKeyFormat.IsWellFormed(_key) && _hmac.Verify(_key, _hmacHash);

    [Benchmark(Description = "parse only (malformed key rejected)")]
    public bool ParseMalformed() => ApiKeyFormat.IsWellFormed("aimem_" + "not-a-key");

    [Benchmark(Description = "authenticator, cached key")]
    public bool AuthenticateCached() => _authenticator.AuthenticateAsync(_key).Result.Succeeded;

    /// <summary>A store with one key, enough for the authenticator's first read.</summary>
    private sealed class SingleKeyStore(ApiKeyRecord record) : IApiKeyStore
    {
        public Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default) =>
            Task.FromResult(keyId == record.KeyId ? record : null);

        public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? owner = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ApiKeyRecord>>([record]);

        public Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
            Task.FromResult(false);

        public Task<int> RevokeAllAsync(string? owner, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
            Task.FromResult(0);

        public Task<bool> SetExpiryAsync(string keyId, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default) =>
            Task.FromResult(false);

        public Task TouchLastUsedAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;
    }
}
