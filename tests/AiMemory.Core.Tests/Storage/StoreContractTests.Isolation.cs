using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task OwnerIsolation_MemoryReadPaths_SeeOnlyOwnRecords()
    {
        var alice = NewOwner();
        var bob = NewOwner();
        await alice.Memories.CreateManyAsync([Draft(title: "alice first"), Draft(title: "alice second")]);
        var secret = await alice.Memories.CreateAsync(Draft(title: "alice secret", content: "confidential roadmap", project: "Shared", category: "Shared", tags: ["shared"]));
        await bob.Memories.CreateAsync(Draft(title: "bob note", content: "nothing here", project: "Shared", tags: ["shared"]));

        (await bob.Memories.GetAsync(secret.Id)).ShouldBeNull();
        (await bob.Memories.ListAsync(new MemoryQuery(), new PageRequest())).Items.Select(memory => memory.Title).ShouldBe(["bob note"]);
        (await bob.Memories.ListAsync(new MemoryQuery(Project: "Shared", Tags: ["shared"]), new PageRequest())).Items.Count.ShouldBe(1);
        (await bob.Memories.SearchAsync(new MemoryQuery("confidential"), new PageRequest())).Items.ShouldBeEmpty();
        (await bob.Memories.SearchAsync(new MemoryQuery("al"), new PageRequest())).Items.ShouldBeEmpty();
        var statistics = await bob.Memories.GetStatisticsAsync();
        statistics.Total.ShouldBe(1);
        statistics.ByCategory.ShouldBeEmpty();
        (await bob.Projects.ListAsync(new PageRequest())).Items.Count.ShouldBe(1);
        (await bob.Categories.ListAsync(new PageRequest())).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task OwnerIsolation_MemoryWritePaths_CannotTouchOtherOwner()
    {
        var alice = NewOwner();
        var bob = NewOwner();
        var secret = await alice.Memories.CreateAsync(Draft(title: "alice secret"));
        (await bob.Memories.GetAsync(secret.Id)).ShouldBeNull();

        await Should.ThrowAsync<RecordNotFoundException>(() => bob.Memories.UpdateAsync(secret.Id, 1, new MemoryChanges(Title: "hijacked")));
        await Should.ThrowAsync<RecordNotFoundException>(() => bob.Memories.DeleteAsync(secret.Id));

        (await alice.Memories.GetAsync(secret.Id))!.Title.ShouldBe("alice secret");
    }

    [Fact]
    public async Task OwnerIsolation_SameIdempotencyKey_IsPerOwner()
    {
        var alice = NewOwner();
        var bob = NewOwner();

        var first = await alice.Memories.CreateAsync(Draft(title: "alice", idempotencyKey: "k"));
        var second = await bob.Memories.CreateAsync(Draft(title: "bob", idempotencyKey: "k"));

        first.Title.ShouldBe("alice");
        second.Title.ShouldBe("bob");
        (await bob.Memories.ListAsync(new MemoryQuery(), new PageRequest())).Items.Count.ShouldBe(1);
    }
}
