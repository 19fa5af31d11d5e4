using AiMemory.Security;
using AiMemory.Security.Keys;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static ApiKeyRecord KeyRecord(string keyId, string owner = "team", DateTimeOffset? expiresAt = null) => new(
        keyId,
        owner,
        "laptop",
        AiMemoryScopes.ReadWrite,
        Enumerable.Range(0, 32).Select(index => (byte)(index * 7)).ToArray(),
        Start,
        null,
        expiresAt,
        null);

    private static string NewKeyId() => "k" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task ApiKeys_CreateThenFind_ReturnsSameRecord()
    {
        var record = KeyRecord(NewKeyId(), expiresAt: Start.AddDays(30));

        await Store.ApiKeys.CreateAsync(record);
        var found = await Store.ApiKeys.FindAsync(record.KeyId);

        found.ShouldNotBeNull();
        found.KeyId.ShouldBe(record.KeyId);
        found.Owner.ShouldBe("team");
        found.Name.ShouldBe("laptop");
        found.Scopes.ShouldBe(AiMemoryScopes.ReadWrite);
        found.Hash.ShouldBe(record.Hash);
        found.CreatedAt.ShouldBe(Start);
        found.ExpiresAt.ShouldBe(Start.AddDays(30));
        found.LastUsedAt.ShouldBeNull();
        found.RevokedAt.ShouldBeNull();
        (await Store.ApiKeys.FindAsync("missing")).ShouldBeNull();
    }

    [Fact]
    public async Task ApiKeys_DuplicateId_ThrowsInvalidOperation()
    {
        var record = KeyRecord(NewKeyId());
        await Store.ApiKeys.CreateAsync(record);

        await Should.ThrowAsync<InvalidOperationException>(() => Store.ApiKeys.CreateAsync(record with { Name = "other" }));

        (await Store.ApiKeys.FindAsync(record.KeyId))!.Name.ShouldBe("laptop");
    }

    [Fact]
    public async Task ApiKeys_List_FiltersByOwner()
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N")[..8];
        var first = KeyRecord(NewKeyId(), owner);
        var second = KeyRecord(NewKeyId(), owner);
        await Store.ApiKeys.CreateAsync(first);
        await Store.ApiKeys.CreateAsync(second);
        await Store.ApiKeys.CreateAsync(KeyRecord(NewKeyId(), "someone-else"));

        var owned = await Store.ApiKeys.ListAsync(owner);
        var all = await Store.ApiKeys.ListAsync();

        owned.Select(key => key.KeyId).ShouldBe([first.KeyId, second.KeyId], ignoreOrder: true);
        all.Count.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task ApiKeys_Revoke_MarksOnceAndStopsActivity()
    {
        var record = KeyRecord(NewKeyId());
        await Store.ApiKeys.CreateAsync(record);

        (await Store.ApiKeys.RevokeAsync(record.KeyId, Start.AddHours(1))).ShouldBeTrue();
        (await Store.ApiKeys.RevokeAsync(record.KeyId, Start.AddHours(2))).ShouldBeFalse();
        (await Store.ApiKeys.RevokeAsync("missing", Start)).ShouldBeFalse();

        var revoked = (await Store.ApiKeys.FindAsync(record.KeyId))!;
        revoked.RevokedAt.ShouldBe(Start.AddHours(1));
        revoked.IsActiveAt(Start.AddHours(1)).ShouldBeFalse();
    }

    [Fact]
    public async Task ApiKeys_RevokeAll_RevokesOnlyThatOwnersActiveKeys()
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N")[..8];
        var other = KeyRecord(NewKeyId(), "untouched-" + Guid.NewGuid().ToString("N")[..8]);
        await Store.ApiKeys.CreateAsync(KeyRecord(NewKeyId(), owner));
        await Store.ApiKeys.CreateAsync(KeyRecord(NewKeyId(), owner));
        await Store.ApiKeys.CreateAsync(other);

        (await Store.ApiKeys.RevokeAllAsync(owner, Start)).ShouldBe(2);
        (await Store.ApiKeys.RevokeAllAsync(owner, Start)).ShouldBe(0);

        (await Store.ApiKeys.FindAsync(other.KeyId))!.RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task ApiKeys_SetExpiryAndTouch_UpdateTimes()
    {
        var record = KeyRecord(NewKeyId());
        await Store.ApiKeys.CreateAsync(record);

        (await Store.ApiKeys.SetExpiryAsync(record.KeyId, Start.AddDays(1))).ShouldBeTrue();
        (await Store.ApiKeys.SetExpiryAsync("missing", Start)).ShouldBeFalse();
        await Store.ApiKeys.TouchLastUsedAsync(record.KeyId, Start.AddMinutes(5));
        await Store.ApiKeys.TouchLastUsedAsync(record.KeyId, Start.AddMinutes(1));

        var found = (await Store.ApiKeys.FindAsync(record.KeyId))!;
        found.ExpiresAt.ShouldBe(Start.AddDays(1));
        found.LastUsedAt.ShouldBe(Start.AddMinutes(5));
        found.IsActiveAt(Start.AddDays(2)).ShouldBeFalse();

        (await Store.ApiKeys.SetExpiryAsync(record.KeyId, null)).ShouldBeTrue();
        (await Store.ApiKeys.FindAsync(record.KeyId))!.ExpiresAt.ShouldBeNull();
    }

    [Fact]
    public async Task RateLimits_Increment_CountsPerPartitionAndWindow()
    {
        var partition = "key:" + Guid.NewGuid().ToString("N");
        var window = TimeSpan.FromMinutes(15);

        var counts = new List<long>();
        for (var index = 0; index < 3; index++)
        {
            counts.Add(await Store.RateLimits.IncrementAsync(partition, Start, window));
        }

        var otherPartition = await Store.RateLimits.IncrementAsync(partition + "-other", Start, window);
        var nextWindow = await Store.RateLimits.IncrementAsync(partition, Start + window, window);

        counts.ShouldBe([1L, 2L, 3L]);
        otherPartition.ShouldBe(1);
        nextWindow.ShouldBe(1);
    }

    [Fact]
    public async Task RateLimits_ParallelIncrements_LoseNothing()
    {
        var partition = "ip:" + Guid.NewGuid().ToString("N");

        var counts = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            Store.RateLimits.IncrementAsync(partition, Start, TimeSpan.FromMinutes(1)).AsTask()));

        counts.Order().ShouldBe(Enumerable.Range(1, 30).Select(count => (long)count));
    }

    [Fact]
    public async Task RateLimits_EndedWindows_AreRemoved()
    {
        var partition = "key:" + Guid.NewGuid().ToString("N");
        var window = TimeSpan.FromMinutes(1);
        await Store.RateLimits.IncrementAsync(partition, Start, window);
        await Store.RateLimits.IncrementAsync(partition, Start, window);

        Time.Advance(TimeSpan.FromMinutes(5));
        await Store.RateLimits.IncrementAsync("key:trigger-" + Guid.NewGuid().ToString("N"), Start.AddMinutes(5), window);

        // The old window's counter is gone, so counting in it starts again from one.
        (await Store.RateLimits.IncrementAsync(partition, Start, window)).ShouldBe(1);
    }
}
