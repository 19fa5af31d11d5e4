using AiMemory.Security.Keys;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Security.Tests.Keys;

public sealed class VerifiedApiKeyCacheTests
{
    private readonly FakeTimeProvider _time = new();

    private VerifiedApiKeyCache CreateCache(TimeSpan lifetime) =>
        new(Microsoft.Extensions.Options.Options.Create(new AiMemorySecurityOptions { KeyCacheLifetime = lifetime }), _time);

    private static ApiKeyRecord Record(string keyId) =>
        new(keyId, "owner", "name", AiMemoryScopes.ReadWrite, new byte[32], DateTimeOffset.UnixEpoch, null, null, null);

    [Fact]
    public void Add_BeyondMaxEntries_StaysBounded()
    {
        var cache = CreateCache(TimeSpan.FromMinutes(1));

        for (var index = 0; index <= VerifiedApiKeyCache.MaxEntries; index++)
        {
            cache.Add(Record($"key{index:D12}"));
        }

        cache.Count.ShouldBeLessThanOrEqualTo(VerifiedApiKeyCache.MaxEntries);
        cache.Find($"key{VerifiedApiKeyCache.MaxEntries:D12}").ShouldNotBeNull();
    }

    [Fact]
    public void Find_AfterLifetime_ReturnsNullAndDropsEntry()
    {
        var cache = CreateCache(TimeSpan.FromSeconds(5));
        cache.Add(Record("key1"));

        _time.Advance(TimeSpan.FromSeconds(4));
        cache.Find("key1").ShouldNotBeNull();
        _time.Advance(TimeSpan.FromSeconds(1));

        cache.Find("key1").ShouldBeNull();
        cache.Count.ShouldBe(0);
    }

    [Fact]
    public void Add_ZeroLifetime_CachesNothing()
    {
        var cache = CreateCache(TimeSpan.Zero);

        cache.Add(Record("key1"));

        cache.Count.ShouldBe(0);
        cache.Find("key1").ShouldBeNull();
    }

    [Fact]
    public void Invalidate_CachedKey_RemovesIt()
    {
        var cache = CreateCache(TimeSpan.FromMinutes(1));
        cache.Add(Record("key1"));
        cache.Add(Record("key2"));

        cache.Invalidate("key1");

        cache.Find("key1").ShouldBeNull();
        cache.Find("key2").ShouldNotBeNull();
    }
}
