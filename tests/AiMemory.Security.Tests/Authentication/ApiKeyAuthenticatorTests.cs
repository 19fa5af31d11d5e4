using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using AiMemory.Security.Tests.Support;
using Microsoft.Extensions.Logging;

namespace AiMemory.Security.Tests.Authentication;

public sealed class ApiKeyAuthenticatorTests : IDisposable
{
    private const string BootstrapKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly SecurityFixture _fixture = new(options => options.BootstrapApiKey = BootstrapKey);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task AuthenticateAsync_ManagedKey_ReturnsOwnerAndScopes()
    {
        var created = await _fixture.CreateKeyAsync("alice", [AiMemoryScopes.Read]);

        var result = await _fixture.Authenticator.AuthenticateAsync(created.Key);

        result.Succeeded.ShouldBeTrue();
        result.FailureReason.ShouldBe(ApiKeyFailureReason.None);
        result.Identity!.Owner.ShouldBe("alice");
        result.Identity.KeyId.ShouldBe(created.Summary.KeyId);
        result.Identity.Scopes.ShouldBe([AiMemoryScopes.Read]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task AuthenticateAsync_NoKey_FailsMissing(string? presented)
    {
        var result = await _fixture.Authenticator.AuthenticateAsync(presented);

        result.Succeeded.ShouldBeFalse();
        result.Identity.ShouldBeNull();
        result.FailureReason.ShouldBe(ApiKeyFailureReason.Missing);
    }

    [Theory]
    [InlineData("guess")]
    [InlineData("aimem_aaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF")]
    [InlineData("\u00e9\u00e9\u00e9")]
    public async Task AuthenticateAsync_MalformedKey_FailsWithoutStoreRead(string presented)
    {
        var result = await _fixture.Authenticator.AuthenticateAsync(presented);

        result.FailureReason.ShouldBe(ApiKeyFailureReason.Malformed);
        result.KeyId.ShouldBeNull();
        _fixture.Store.FindCount.ShouldBe(0);
    }

    [Fact]
    public async Task AuthenticateAsync_OversizedKey_FailsMalformed()
    {
        var result = await _fixture.Authenticator.AuthenticateAsync(new string('a', 100_000));

        result.FailureReason.ShouldBe(ApiKeyFailureReason.Malformed);
        _fixture.Store.FindCount.ShouldBe(0);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKeyId_FailsUnknown()
    {
        var key = ApiKeyFormat.Generate(out var keyId);

        var result = await _fixture.Authenticator.AuthenticateAsync(key);

        result.FailureReason.ShouldBe(ApiKeyFailureReason.UnknownKey);
        result.KeyId.ShouldBe(keyId);
        _fixture.Store.FindCount.ShouldBe(1);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongSecret_FailsWrongSecret()
    {
        var created = await _fixture.CreateKeyAsync();
        var forged = ApiKeyFormat.Compose(created.Summary.KeyId, new string('a', ApiKeyFormat.SecretLength));

        var result = await _fixture.Authenticator.AuthenticateAsync(forged);

        ApiKeyFormat.IsWellFormed(forged).ShouldBeTrue();
        result.FailureReason.ShouldBe(ApiKeyFailureReason.WrongSecret);
        result.Identity.ShouldBeNull();
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedKey_FailsOnNextRequest()
    {
        var created = await _fixture.CreateKeyAsync();
        (await _fixture.Authenticator.AuthenticateAsync(created.Key)).Succeeded.ShouldBeTrue();

        await _fixture.Administration.RevokeAsync(created.Summary.KeyId);
        var result = await _fixture.Authenticator.AuthenticateAsync(created.Key);

        result.FailureReason.ShouldBe(ApiKeyFailureReason.Revoked);
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedElsewhere_FailsWhenCacheLifetimeEnds()
    {
        var created = await _fixture.CreateKeyAsync();
        (await _fixture.Authenticator.AuthenticateAsync(created.Key)).Succeeded.ShouldBeTrue();

        // Another instance revokes directly in the shared store; this instance's cache does not know.
        await _fixture.Store.RevokeAsync(created.Summary.KeyId, _fixture.Time.GetUtcNow());
        _fixture.Time.Advance(TimeSpan.FromSeconds(4.9));
        var withinLifetime = await _fixture.Authenticator.AuthenticateAsync(created.Key);
        _fixture.Time.Advance(TimeSpan.FromSeconds(0.1));
        var afterLifetime = await _fixture.Authenticator.AuthenticateAsync(created.Key);

        withinLifetime.Succeeded.ShouldBeTrue();
        afterLifetime.FailureReason.ShouldBe(ApiKeyFailureReason.Revoked);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredKey_FailsExpired()
    {
        var created = await _fixture.CreateKeyAsync(expiresAt: _fixture.Time.GetUtcNow().AddHours(1));
        (await _fixture.Authenticator.AuthenticateAsync(created.Key)).Succeeded.ShouldBeTrue();

        _fixture.Time.Advance(TimeSpan.FromHours(1));
        var result = await _fixture.Authenticator.AuthenticateAsync(created.Key);

        result.FailureReason.ShouldBe(ApiKeyFailureReason.Expired);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedKey_ReadsStoreOncePerLifetime()
    {
        var created = await _fixture.CreateKeyAsync();

        for (var request = 0; request < 50; request++)
        {
            (await _fixture.Authenticator.AuthenticateAsync(created.Key)).Succeeded.ShouldBeTrue();
        }

        _fixture.Store.FindCount.ShouldBe(1);
        _fixture.Time.Advance(TimeSpan.FromSeconds(5));
        (await _fixture.Authenticator.AuthenticateAsync(created.Key)).Succeeded.ShouldBeTrue();
        _fixture.Store.FindCount.ShouldBe(2);
    }

    [Fact]
    public async Task AuthenticateAsync_ManyRequests_RecordsLastUseOncePerMinute()
    {
        var created = await _fixture.CreateKeyAsync();

        for (var second = 0; second < 120; second++)
        {
            (await _fixture.Authenticator.AuthenticateAsync(created.Key)).Succeeded.ShouldBeTrue();
            _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        }

        _fixture.Store.TouchCount.ShouldBe(2);
        _fixture.Store.Records.Single().LastUsedAt.ShouldBe(_fixture.Time.GetUtcNow().AddSeconds(-60));
    }

    [Fact]
    public async Task AuthenticateAsync_LastUseWriteFails_StillSucceedsAndLogs()
    {
        var created = await _fixture.CreateKeyAsync();
        _fixture.Store.TouchFailure = new InvalidOperationException("storage unavailable");

        var result = await _fixture.Authenticator.AuthenticateAsync(created.Key);

        result.Succeeded.ShouldBeTrue();
        _fixture.Logs.Entries.ShouldContain(entry => entry.EventId.Id == 1004);
    }

    [Fact]
    public async Task AuthenticateAsync_BootstrapKey_IsDefaultOwnerWithoutKeyAdministration()
    {
        var result = await _fixture.Authenticator.AuthenticateAsync(BootstrapKey);

        result.Succeeded.ShouldBeTrue();
        result.Identity!.Owner.ShouldBe("default");
        result.Identity.KeyId.ShouldBe("bootstrap");
        result.Identity.Scopes.ShouldBe([AiMemoryScopes.Read, AiMemoryScopes.Write, AiMemoryScopes.WriteInstructions]);
        result.Identity.HasScope(AiMemoryScopes.AdministerKeys).ShouldBeFalse();
        _fixture.Store.FindCount.ShouldBe(0);
    }

    [Fact]
    public async Task AuthenticateAsync_BootstrapKeyWithoutStore_Works()
    {
        using var fixture = new SecurityFixture(options => options.BootstrapApiKey = BootstrapKey, withStore: false);

        (await fixture.Authenticator.AuthenticateAsync(BootstrapKey)).Succeeded.ShouldBeTrue();
        (await fixture.Authenticator.AuthenticateAsync(ApiKeyFormat.Generate(out _))).FailureReason.ShouldBe(ApiKeyFailureReason.UnknownKey);
        fixture.Authenticator.HasKeyStore.ShouldBeFalse();
    }

    [Fact]
    public async Task AuthenticateAsync_EveryFailure_LooksTheSameOutwardly()
    {
        var revoked = await _fixture.CreateKeyAsync();
        await _fixture.Administration.RevokeAsync(revoked.Summary.KeyId);
        var expiring = await _fixture.CreateKeyAsync(expiresAt: _fixture.Time.GetUtcNow().AddSeconds(1));
        var wrong = ApiKeyFormat.Compose(expiring.Summary.KeyId, new string('b', ApiKeyFormat.SecretLength));
        _fixture.Time.Advance(TimeSpan.FromSeconds(2));

        string?[] presented = [null, "malformed", ApiKeyFormat.Generate(out _), wrong, revoked.Key, expiring.Key];
        var results = new List<ApiKeyAuthenticationResult>();
        foreach (var key in presented)
        {
            results.Add(await _fixture.Authenticator.AuthenticateAsync(key));
        }

        results.Select(result => result.FailureReason).ShouldBe([
            ApiKeyFailureReason.Missing, ApiKeyFailureReason.Malformed, ApiKeyFailureReason.UnknownKey,
            ApiKeyFailureReason.WrongSecret, ApiKeyFailureReason.Revoked, ApiKeyFailureReason.Expired]);
        results.ShouldAllBe(result => !result.Succeeded && result.Identity == null);
        _fixture.Logs.Entries.Count(entry => entry.Message.StartsWith("Unauthorized: ", StringComparison.Ordinal)).ShouldBe(6);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedHit_AllocatesNothing()
    {
        // Debug messages are off, as in production; formatting an enabled message allocates.
        using var fixture = new SecurityFixture(options => options.KeyCacheLifetime = TimeSpan.FromHours(1), minimumLevel: LogLevel.Information);
        var created = await fixture.CreateKeyAsync();
        await fixture.Authenticator.AuthenticateAsync(created.Key);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = fixture.Authenticator.AuthenticateAsync(created.Key);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        task.IsCompletedSuccessfully.ShouldBeTrue();
        (await task).Succeeded.ShouldBeTrue();
        allocated.ShouldBe(0);
    }

    [Theory]
    [InlineData("key1", null, "key1")]
    [InlineData(" key1 ", "Bearer other", "key1")]
    [InlineData(null, "Bearer key2", "key2")]
    [InlineData("", "bearer  key2 ", "key2")]
    [InlineData(null, "Basic a2V5", null)]
    [InlineData(null, "Bearer ", null)]
    [InlineData(null, null, null)]
    public void ReadPresentedKey_Headers_PrefersApiKeyHeader(string? apiKeyHeader, string? authorization, string? expected) =>
        ApiKeyAuthenticator.ReadPresentedKey(apiKeyHeader, authorization).ShouldBe(expected);

    [Fact]
    public async Task AuthenticateAsync_BootstrapKeyInManagedFormat_IsAccepted()
    {
        var bootstrap = ApiKeyFormat.Generate(out _);
        using var fixture = new SecurityFixture(options => options.BootstrapApiKey = bootstrap);

        var result = await fixture.Authenticator.AuthenticateAsync(bootstrap);

        result.Identity!.KeyId.ShouldBe("bootstrap");
    }
}
