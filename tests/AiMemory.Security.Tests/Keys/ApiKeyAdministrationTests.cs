using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using AiMemory.Security.Tests.Support;

namespace AiMemory.Security.Tests.Keys;

public sealed class ApiKeyAdministrationTests : IDisposable
{
    private readonly SecurityFixture _fixture = new(options => options.KeyHashSecret = new string('k', 40));

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task CreateAsync_NewKey_StoresOnlyTheHash()
    {
        var created = await _fixture.Administration.CreateAsync("alice", "laptop", [AiMemoryScopes.Read, AiMemoryScopes.Write]);

        var record = _fixture.Store.Records.Single();
        record.KeyId.ShouldBe(created.Summary.KeyId);
        record.Hash.ShouldBe(_fixture.Hasher.ComputeHash(created.Key));
        record.ToString().ShouldNotContain(created.Key);
        record.ToString().ShouldNotContain(created.Key[23..55]);
        record.Owner.ShouldBe("alice");
        record.Name.ShouldBe("laptop");
        record.Scopes.ShouldBe([AiMemoryScopes.Read, AiMemoryScopes.Write]);
        record.CreatedAt.ShouldBe(_fixture.Time.GetUtcNow());
        created.ToString().ShouldNotContain(created.Key);
    }

    [Fact]
    public async Task ListAsync_Keys_ReportsStatusWithoutHash()
    {
        var active = await _fixture.CreateKeyAsync("alice");
        var revoked = await _fixture.CreateKeyAsync("alice");
        var expired = await _fixture.CreateKeyAsync("alice", expiresAt: _fixture.Time.GetUtcNow().AddMinutes(1));
        await _fixture.CreateKeyAsync("bob");
        await _fixture.Administration.RevokeAsync(revoked.Summary.KeyId);
        _fixture.Time.Advance(TimeSpan.FromMinutes(2));

        var listed = await _fixture.Administration.ListAsync("alice");

        listed.Count.ShouldBe(3);
        listed.Single(key => key.KeyId == active.Summary.KeyId).Status.ShouldBe(ApiKeyStatus.Active);
        listed.Single(key => key.KeyId == revoked.Summary.KeyId).Status.ShouldBe(ApiKeyStatus.Revoked);
        listed.Single(key => key.KeyId == expired.Summary.KeyId).Status.ShouldBe(ApiKeyStatus.Expired);
        (await _fixture.Administration.ListAsync()).Count.ShouldBe(4);
    }

    [Fact]
    public async Task RevokeAsync_UnknownKey_ReturnsFalse() =>
        (await _fixture.Administration.RevokeAsync("nosuchkeyid00000")).ShouldBeFalse();

    [Fact]
    public async Task RevokeAllAsync_OneOwner_RevokesOnlyTheirKeys()
    {
        var alice = await _fixture.CreateKeyAsync("alice");
        var bob = await _fixture.CreateKeyAsync("bob");
        (await _fixture.Authenticator.AuthenticateAsync(alice.Key)).Succeeded.ShouldBeTrue();

        var count = await _fixture.Administration.RevokeAllAsync("alice");

        count.ShouldBe(1);
        (await _fixture.Authenticator.AuthenticateAsync(alice.Key)).FailureReason.ShouldBe(ApiKeyFailureReason.Revoked);
        (await _fixture.Authenticator.AuthenticateAsync(bob.Key)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task RotateAsync_ActiveKey_KeepsOwnerAndScopesAndExpiresOldAfterGrace()
    {
        var old = await _fixture.CreateKeyAsync("alice", [AiMemoryScopes.Read, AiMemoryScopes.WriteInstructions]);
        (await _fixture.Authenticator.AuthenticateAsync(old.Key)).Succeeded.ShouldBeTrue();

        var replacement = await _fixture.Administration.RotateAsync(old.Summary.KeyId, TimeSpan.FromHours(1));

        replacement.Key.ShouldNotBe(old.Key);
        replacement.Summary.Owner.ShouldBe("alice");
        replacement.Summary.Name.ShouldBe("laptop");
        replacement.Summary.Scopes.ShouldBe([AiMemoryScopes.Read, AiMemoryScopes.WriteInstructions]);
        (await _fixture.Authenticator.AuthenticateAsync(old.Key)).Succeeded.ShouldBeTrue();
        (await _fixture.Authenticator.AuthenticateAsync(replacement.Key)).Succeeded.ShouldBeTrue();

        _fixture.Time.Advance(TimeSpan.FromHours(1));

        (await _fixture.Authenticator.AuthenticateAsync(old.Key)).FailureReason.ShouldBe(ApiKeyFailureReason.Expired);
        (await _fixture.Authenticator.AuthenticateAsync(replacement.Key)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task RotateAsync_DefaultGrace_Is24Hours()
    {
        var old = await _fixture.CreateKeyAsync();

        await _fixture.Administration.RotateAsync(old.Summary.KeyId);

        _fixture.Store.Records.Single(record => record.KeyId == old.Summary.KeyId).ExpiresAt.ShouldBe(_fixture.Time.GetUtcNow().AddHours(24));
    }

    [Fact]
    public async Task RotateAsync_RevokedKey_Throws()
    {
        var old = await _fixture.CreateKeyAsync();
        await _fixture.Administration.RevokeAsync(old.Summary.KeyId);

        var exception = await Should.ThrowAsync<InvalidOperationException>(() => _fixture.Administration.RotateAsync(old.Summary.KeyId));

        exception.Message.ShouldBe($"No active API key has the id '{old.Summary.KeyId}'; list the keys to find it.");
    }

    [Theory]
    [InlineData("", "The owner id must be 1 to 200 printable ASCII characters without spaces. (Parameter 'owner')")]
    [InlineData("two words", "The owner id must be 1 to 200 printable ASCII characters without spaces. (Parameter 'owner')")]
    public async Task CreateAsync_InvalidOwner_ThrowsNamingRule(string owner, string message)
    {
        var exception = await Should.ThrowAsync<ArgumentException>(() => _fixture.Administration.CreateAsync(owner, "n", AiMemoryScopes.ReadWrite));

        exception.Message.ShouldBe(message);
    }

    [Fact]
    public async Task CreateAsync_UnknownOrNoScope_ThrowsListingScopes()
    {
        var unknown = await Should.ThrowAsync<ArgumentException>(() => _fixture.Administration.CreateAsync("a", "n", ["memory:*"]));
        var none = await Should.ThrowAsync<ArgumentException>(() => _fixture.Administration.CreateAsync("a", "n", []));

        unknown.Message.ShouldBe(
            "Unknown scope 'memory:*'; the scopes are memory:read, memory:write, instructions:write, keys:admin. (Parameter 'scopes')");
        none.Message.ShouldBe(
            "A key needs at least one scope: memory:read, memory:write, instructions:write, keys:admin. (Parameter 'scopes')");
    }

    [Fact]
    public async Task CreateAsync_PastExpiry_Throws() =>
        await Should.ThrowAsync<ArgumentException>(() =>
            _fixture.Administration.CreateAsync("a", "n", AiMemoryScopes.ReadWrite, _fixture.Time.GetUtcNow()));

    [Fact]
    public async Task CreateAsync_NameWithControls_IsSanitised()
    {
        var created = await _fixture.Administration.CreateAsync("a", " ci\u202E key ", AiMemoryScopes.ReadWrite);

        created.Summary.Name.ShouldBe("ci key");
    }

    [Fact]
    public async Task CreateFirstKeyAsync_EmptyStore_CreatesAdministratorKeyOnce()
    {
        var first = await _fixture.Administration.CreateFirstKeyAsync();
        var second = await _fixture.Administration.CreateFirstKeyAsync();

        first.ShouldNotBeNull();
        first.Summary.Owner.ShouldBe("default");
        first.Summary.Scopes.ShouldBe(AiMemoryScopes.All);
        second.ShouldBeNull();
        (await _fixture.Authenticator.AuthenticateAsync(first.Key)).Identity!.HasScope(AiMemoryScopes.AdministerKeys).ShouldBeTrue();
    }
}
