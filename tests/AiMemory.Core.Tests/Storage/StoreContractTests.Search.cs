using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    private async Task<IOwnerStore> SearchCorpusAsync()
    {
        var owner = NewOwner();
        await owner.Memories.CreateAsync(Draft(title: "PostgreSQL tuning", content: "Raise shared_buffers and work_mem for the reporting database.", project: "db", tags: ["perf"], priority: 5));
        await owner.Memories.CreateAsync(Draft(title: "Lunch", content: "Sandwiches on Tuesday.", priority: 1));
        await owner.Memories.CreateAsync(Draft(title: "数据库迁移", content: "我们在周五把数据库迁移到新的服务器。", project: "db", tags: ["迁移"]));
        await owner.Memories.CreateAsync(Draft(title: "tier1-test notes", content: "The c++ build uses foo:bar and \"quoted\" text (draft) - see AND/OR notes.", priority: 2));
        return owner;
    }

    private static async Task<string[]> TitlesAsync(IOwnerStore owner, MemoryQuery query) =>
        (await owner.Memories.SearchAsync(query, new PageRequest())).Items.Select(hit => hit.Memory.Title).ToArray();

    [Fact]
    public async Task SearchMemories_Word_FindsMatchingMemory()
    {
        var owner = await SearchCorpusAsync();

        (await TitlesAsync(owner, new MemoryQuery("database"))).ShouldBe(["PostgreSQL tuning"]);
        (await TitlesAsync(owner, new MemoryQuery("sandwiches"))).ShouldBe(["Lunch"]);
    }

    [Fact]
    public async Task SearchMemories_SeveralWords_RequiresEach()
    {
        var owner = await SearchCorpusAsync();

        (await TitlesAsync(owner, new MemoryQuery("reporting buffers"))).ShouldBe(["PostgreSQL tuning"]);
        (await TitlesAsync(owner, new MemoryQuery("reporting sandwiches"))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("数据库")]
    [InlineData("迁移到新")]
    [InlineData("周五")]
    [InlineData("库")]
    public async Task SearchMemories_CjkSubstring_FindsMemory(string text)
    {
        var owner = await SearchCorpusAsync();

        (await TitlesAsync(owner, new MemoryQuery(text))).ShouldBe(["数据库迁移"]);
    }

    [Theory]
    [InlineData("tier1-test AND unicode")]
    [InlineData("\"unbalanced")]
    [InlineData("foo:bar")]
    [InlineData("a OR")]
    [InlineData("c++")]
    [InlineData("NOT")]
    [InlineData("(draft")]
    [InlineData("-")]
    [InlineData("*")]
    [InlineData("'; DROP TABLE memories; --")]
    [InlineData("\\ % _")]
    [InlineData("NEAR(a b)")]
    [InlineData("title:x")]
    [InlineData("^start")]
    public async Task SearchMemories_OperatorCharacters_NeverThrow(string text)
    {
        var owner = await SearchCorpusAsync();

        var page = await owner.Memories.SearchAsync(new MemoryQuery(text), new PageRequest());

        page.Items.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("foo:bar")]
    [InlineData("c++")]
    [InlineData("tier1-test")]
    [InlineData("\"quoted\"")]
    [InlineData("(draft)")]
    public async Task SearchMemories_OperatorCharacters_MatchLiterally(string text)
    {
        var owner = await SearchCorpusAsync();

        (await TitlesAsync(owner, new MemoryQuery(text))).ShouldBe(["tier1-test notes"]);
    }

    [Fact]
    public async Task SearchMemories_TitleMatch_RanksAboveContentMatch()
    {
        var owner = NewOwner();
        await owner.Memories.CreateAsync(Draft(title: "Other", content: "Mentions kubernetes once."));
        await owner.Memories.CreateAsync(Draft(title: "Kubernetes", content: "Kubernetes cluster notes about kubernetes."));

        var hits = (await owner.Memories.SearchAsync(new MemoryQuery("kubernetes"), new PageRequest())).Items;

        hits.Select(hit => hit.Memory.Title).ShouldBe(["Kubernetes", "Other"]);
        hits[0].Rank.ShouldBeGreaterThan(hits[1].Rank);
    }

    [Fact]
    public async Task SearchMemories_Filters_ApplyToHits()
    {
        var owner = await SearchCorpusAsync();

        (await TitlesAsync(owner, new MemoryQuery("数据库", Project: "db"))).ShouldBe(["数据库迁移"]);
        (await TitlesAsync(owner, new MemoryQuery("数据库", Project: "other"))).ShouldBeEmpty();
        (await TitlesAsync(owner, new MemoryQuery("database", MinPriority: 5))).ShouldBe(["PostgreSQL tuning"]);
        (await TitlesAsync(owner, new MemoryQuery("database", Tags: ["missing"]))).ShouldBeEmpty();
    }

    [Fact]
    public async Task SearchMemories_Pages_CoverEveryHitOnce()
    {
        var owner = NewOwner();
        for (var index = 0; index < 23; index++)
        {
            await owner.Memories.CreateAsync(Draft(title: $"report {index}", content: string.Concat(Enumerable.Repeat("report ", index + 1))));
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await owner.Memories.SearchAsync(new MemoryQuery("report"), new PageRequest(5, cursor));
            seen.AddRange(page.Items.Select(hit => hit.Memory.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        seen.Count.ShouldBe(23);
        seen.Distinct().Count().ShouldBe(23);
    }

    [Fact]
    public async Task SearchMemories_EmptyText_ListsWithZeroRank()
    {
        var owner = await SearchCorpusAsync();

        var page = await owner.Memories.SearchAsync(new MemoryQuery(" "), new PageRequest());

        page.Items.Count.ShouldBe(4);
        page.Items.ShouldAllBe(hit => hit.Rank == 0);
    }
}
