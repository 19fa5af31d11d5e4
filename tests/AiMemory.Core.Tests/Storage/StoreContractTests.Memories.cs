using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Core.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task CreateMemory_ThenGet_ReturnsStoredFields()
    {
        var owner = NewOwner();

        var created = await owner.Memories.CreateAsync(Draft(project: "Apollo", category: "ops", tags: ["deploy", "Friday"], priority: 4));
        var read = await owner.Memories.GetAsync(created.Id);

        read.ShouldNotBeNull();
        read.Title.ShouldBe("Deploy notes");
        read.Content.ShouldBe("The deploy runs on Fridays.");
        read.Project.ShouldBe("Apollo");
        read.Category.ShouldBe("ops");
        read.Tags.ShouldBe(["deploy", "Friday"]);
        read.Priority.ShouldBe(4);
        read.CreatedAt.ShouldBe(Start);
        read.UpdatedAt.ShouldBe(Start);
        read.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        read.Version.ShouldBe(1);
        created.ShouldBeEquivalentTo(read);
    }

    [Theory]
    [InlineData("👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 👍🏽 thumbs")]
    [InlineData("数据库连接池的配置说明")]
    [InlineData("مرحبا بالعالم — שלום עולם")]
    [InlineData("connection_string = x; <script>alert(1)</script> \"quoted\" 'single' \\ back")]
    [InlineData("tab\tnewline\ncarriage\r\nend")]
    public async Task CreateMemory_UnicodeText_RoundTripsExactly(string text)
    {
        var owner = NewOwner();

        var created = await owner.Memories.CreateAsync(Draft(title: text, content: text, tags: [text[..2]]));
        var read = await owner.Memories.GetAsync(created.Id);

        read!.Title.ShouldBe(text);
        read.Content.ShouldBe(text);
        read.Tags.ShouldBe([text[..2]]);
    }

    [Fact]
    public async Task CreateMemory_64KiBContent_RoundTripsExactly()
    {
        var owner = NewOwner();
        var content = string.Concat(Enumerable.Repeat("数据 emoji 🧑‍💻 text ", 4_000))[..65_536];

        var created = await owner.Memories.CreateAsync(Draft(content: content));

        (await owner.Memories.GetAsync(created.Id))!.Content.ShouldBe(content);
    }

    [Theory]
    [InlineData("", "title must not be empty.")]
    [InlineData("   ", "title must not be empty.")]
    public async Task CreateMemory_EmptyTitle_ThrowsValidation(string title, string message)
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().Memories.CreateAsync(Draft(title: title)));

        error.Message.ShouldBe("memory " + message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public async Task CreateMemory_PriorityOutOfRange_ThrowsValidation(int priority)
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().Memories.CreateAsync(Draft(priority: priority)));

        error.Message.ShouldBe($"memory priority must be between 1 and 5, not {priority}.");
    }

    [Fact]
    public async Task CreateMemory_AbsurdContent_ThrowsValidation()
    {
        var content = new string('x', StoreLimits.MaxContentLength + 1);

        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().Memories.CreateAsync(Draft(content: content)));

        error.Message.ShouldBe($"memory content is {StoreLimits.MaxContentLength + 1} characters long; the maximum is {StoreLimits.MaxContentLength}.");
    }

    [Fact]
    public async Task CreateMemory_NulCharacter_ThrowsValidation()
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().Memories.CreateAsync(Draft(content: "a\0b")));

        error.Message.ShouldContain("NUL");
    }

    [Fact]
    public async Task CreateMemory_LoneSurrogate_ThrowsValidation()
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().Memories.CreateAsync(Draft(title: "bad \uD800 text")));

        error.Message.ShouldContain("lone surrogate");
    }

    [Fact]
    public async Task CreateMemory_TooManyTags_ThrowsValidation()
    {
        var tags = Enumerable.Range(0, StoreLimits.MaxTagsPerItem + 1).Select(index => $"tag{index}").ToList();

        var error = await Should.ThrowAsync<StoreValidationException>(() => NewOwner().Memories.CreateAsync(Draft(tags: tags)));

        error.Message.ShouldContain($"at most {StoreLimits.MaxTagsPerItem}");
    }

    [Fact]
    public async Task CreateMemory_SameIdempotencyKey_ReturnsFirstResult()
    {
        var owner = NewOwner();

        var first = await owner.Memories.CreateAsync(Draft(title: "first", idempotencyKey: "retry-1"));
        var retry = await owner.Memories.CreateAsync(Draft(title: "second attempt", idempotencyKey: "retry-1"));

        retry.ShouldBeEquivalentTo(first);
        (await owner.Memories.ListAsync(new MemoryQuery(), new PageRequest())).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateMemory_ParallelSameIdempotencyKey_CreatesOne()
    {
        var owner = NewOwner();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => owner.Memories.CreateAsync(Draft(idempotencyKey: "same"))));

        results.Select(memory => memory.Id).Distinct().Count().ShouldBe(1);
        (await owner.Memories.ListAsync(new MemoryQuery(), new PageRequest())).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateMemory_ParallelSameNewNames_OneRowEachAndAllLinks()
    {
        var owner = NewOwner();

        var created = await Task.WhenAll(Enumerable.Range(0, 20).Select(index =>
            owner.Memories.CreateAsync(Draft(title: $"m{index}", project: "Shared", category: "Common", tags: ["new-tag", $"own-{index}"]))));

        created.ShouldAllBe(memory => memory.Project == "Shared" && memory.Category == "Common" && memory.Tags.Contains("new-tag"));
        (await owner.Projects.ListAsync(new PageRequest())).Items.Count.ShouldBe(1);
        (await owner.Categories.ListAsync(new PageRequest())).Items.Count.ShouldBe(1);
        var tagged = await owner.Memories.ListAsync(new MemoryQuery(Tags: ["new-tag"]), new PageRequest(100));
        tagged.Items.Count.ShouldBe(20);
    }

    [Fact]
    public async Task CreateMemory_TagsDifferingInCaseAndNormalisation_AreOneTag()
    {
        var owner = NewOwner();

        var memory = await owner.Memories.CreateAsync(Draft(tags: ["Café", "CAFE\u0301", "数据库", "🚀"]));
        var other = await owner.Memories.CreateAsync(Draft(tags: ["café"]));

        memory.Tags.ShouldBe(["Café", "数据库", "🚀"]);
        other.Tags.ShouldBe(["Café"]);
    }

    [Fact]
    public async Task CreateManyMemories_OneInvalid_CreatesNothing()
    {
        var owner = NewOwner();

        var error = await Should.ThrowAsync<StoreValidationException>(() =>
            owner.Memories.CreateManyAsync([Draft(title: "fine"), Draft(title: "")]));

        error.Message.ShouldBe("memories[1] title must not be empty.");
        (await owner.Memories.ListAsync(new MemoryQuery(), new PageRequest())).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateManyMemories_Valid_CreatesAllInOrder()
    {
        var owner = NewOwner();

        var created = await owner.Memories.CreateManyAsync([Draft(title: "one", tags: ["a"]), Draft(title: "two", tags: ["a", "b"])]);

        created.Select(memory => memory.Title).ShouldBe(["one", "two"]);
        (await owner.Memories.GetAsync(created[1].Id))!.Tags.ShouldBe(["a", "b"]);
    }

    [Fact]
    public async Task CreateManyMemories_SharedAndExistingNames_LinkOnce()
    {
        var owner = NewOwner();
        await owner.Projects.CreateAsync(new ProjectDraft("Apollo"));

        var created = await owner.Memories.CreateManyAsync(
            [Draft(title: "one", project: "APOLLO", tags: ["X", "y"]), Draft(title: "two", project: "apollo", category: "C", tags: ["x"])]);

        created[0].Project.ShouldBe("Apollo");
        created[1].Tags.ShouldBe(["X"]);
        (await owner.Memories.GetAsync(created[0].Id)).ShouldBeEquivalentTo(created[0]);
        (await owner.Memories.GetAsync(created[1].Id)).ShouldBeEquivalentTo(created[1]);
        (await owner.Projects.ListAsync(new PageRequest())).Items.Count.ShouldBe(1);
        (await owner.Tags.ListAsync(new PageRequest())).Items.ShouldBe([new TagUsage("X", 2, 0), new TagUsage("y", 1, 0)]);
        (await owner.Memories.SearchAsync(new MemoryQuery("two"), new PageRequest())).Items.Single().Memory.Id.ShouldBe(created[1].Id);
    }

    [Fact]
    public async Task CreateManyMemories_TextWithEscapes_StoredExactly()
    {
        var owner = NewOwner();
        string[] contents =
        [
            "quote \" backslash \\ slash / tab \t newline \n carriage return \r bell \u0007",
            "{\"json\": [1, \"two\", null], \"key\": \"value\"} ->> 0 '; DROP TABLE memories; --",
            "数据库 emoji 👩‍👩‍👧 family, עברית right to left, line separator \u2028 end",
        ];

        var created = await owner.Memories.CreateManyAsync(contents.Select(content => Draft(title: "title \" " + content[..5], content: content)).ToList());

        created.Select(memory => memory.Content).ShouldBe(contents);
        foreach (var memory in created)
        {
            (await owner.Memories.GetAsync(memory.Id)).ShouldBeEquivalentTo(memory);
        }

        (await owner.Memories.SearchAsync(new MemoryQuery("数据库"), new PageRequest())).Items.Single().Memory.Id.ShouldBe(created[2].Id);
    }

    [Fact]
    public async Task UpdateMemory_CurrentVersion_AppliesAndBumpsVersion()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft(project: "Old", tags: ["x"]));
        Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await owner.Memories.UpdateAsync(memory.Id, 1, new MemoryChanges(Title: "New title", Project: "New", Tags: ["y", "z"], Priority: 5));

        updated.Title.ShouldBe("New title");
        updated.Content.ShouldBe(memory.Content);
        updated.Project.ShouldBe("New");
        updated.Tags.ShouldBe(["y", "z"]);
        updated.Priority.ShouldBe(5);
        updated.Version.ShouldBe(2);
        updated.CreatedAt.ShouldBe(Start);
        updated.UpdatedAt.ShouldBe(Start.AddMinutes(5));
        (await owner.Memories.GetAsync(memory.Id)).ShouldBeEquivalentTo(updated);
    }

    [Fact]
    public async Task UpdateMemory_EmptyProjectAndTags_ClearsThem()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft(project: "P", category: "C", tags: ["x"]));

        var updated = await owner.Memories.UpdateAsync(memory.Id, 1, new MemoryChanges(Project: "", Category: "", Tags: []));

        updated.Project.ShouldBeNull();
        updated.Category.ShouldBeNull();
        updated.Tags.ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateMemory_StaleVersion_ThrowsConflictAndKeepsRecord()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft());
        await owner.Memories.UpdateAsync(memory.Id, 1, new MemoryChanges(Title: "second"));

        var error = await Should.ThrowAsync<VersionConflictException>(() =>
            owner.Memories.UpdateAsync(memory.Id, 1, new MemoryChanges(Title: "stale")));

        error.ActualVersion.ShouldBe(2);
        (await owner.Memories.GetAsync(memory.Id))!.Title.ShouldBe("second");
    }

    [Fact]
    public async Task UpdateMemory_ParallelSameVersion_OnlyOneApplies()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft());

        var attempts = Enumerable.Range(0, 8).Select(index => owner.Memories.UpdateAsync(memory.Id, 1, new MemoryChanges(Title: $"writer {index}"))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                await attempt;
                return true;
            }
            catch (VersionConflictException)
            {
                return false;
            }
        }));

        outcomes.Count(applied => applied).ShouldBe(1);
        (await owner.Memories.GetAsync(memory.Id))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task UpdateMemory_UnknownId_ThrowsNotFound()
    {
        var error = await Should.ThrowAsync<RecordNotFoundException>(() => NewOwner().Memories.UpdateAsync(999_999, 1, new MemoryChanges(Title: "x")));

        error.Message.ShouldBe("memory 999999 was not found.");
    }

    [Fact]
    public async Task DeleteMemory_StaleVersion_ThrowsConflictAndKeepsRecord()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft());
        await owner.Memories.UpdateAsync(memory.Id, 1, new MemoryChanges(Title: "second"));

        await Should.ThrowAsync<VersionConflictException>(() => owner.Memories.DeleteAsync(memory.Id, 1));

        (await owner.Memories.GetAsync(memory.Id)).ShouldNotBeNull();
    }

    [Fact]
    public async Task DeleteMemory_CurrentVersion_RemovesIt()
    {
        var owner = NewOwner();
        var memory = await owner.Memories.CreateAsync(Draft(tags: ["t"]));

        await owner.Memories.DeleteAsync(memory.Id, 1);

        (await owner.Memories.GetAsync(memory.Id)).ShouldBeNull();
        await Should.ThrowAsync<RecordNotFoundException>(() => owner.Memories.DeleteAsync(memory.Id));
    }

    [Fact]
    public async Task ListMemories_Pages_CoverEveryMemoryOnceInOrder()
    {
        var owner = NewOwner();
        for (var index = 0; index < 25; index++)
        {
            await owner.Memories.CreateAsync(Draft(title: $"m{index:00}", priority: (index % 5) + 1));
            Time.Advance(TimeSpan.FromSeconds(index % 3 == 0 ? 0 : 1));
        }

        foreach (var sort in new[] { SortOrder.Newest, SortOrder.Oldest, SortOrder.Priority, SortOrder.Updated })
        {
            var seen = new List<Memory>();
            string? cursor = null;
            do
            {
                var page = await owner.Memories.ListAsync(new MemoryQuery(Sort: sort), new PageRequest(10, cursor));
                page.Items.Count.ShouldBeLessThanOrEqualTo(10);
                seen.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            seen.Select(memory => memory.Id).Distinct().Count().ShouldBe(25, $"sort {sort}");
            var expected = sort switch
            {
                SortOrder.Oldest => seen.OrderBy(memory => memory.CreatedAt).ThenBy(memory => memory.Id),
                SortOrder.Priority => seen.OrderByDescending(memory => memory.Priority).ThenByDescending(memory => memory.CreatedAt).ThenByDescending(memory => memory.Id),
                SortOrder.Updated => seen.OrderByDescending(memory => memory.UpdatedAt).ThenByDescending(memory => memory.Id),
                _ => seen.OrderByDescending(memory => memory.CreatedAt).ThenByDescending(memory => memory.Id),
            };
            seen.Select(memory => memory.Id).ShouldBe(expected.Select(memory => memory.Id), $"sort {sort}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(PageRequest.MaxLimit + 1)]
    public async Task ListMemories_LimitOutOfRange_ThrowsValidation(int limit)
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() =>
            NewOwner().Memories.ListAsync(new MemoryQuery(), new PageRequest(limit)));

        error.Message.ShouldBe($"limit must be between 1 and {PageRequest.MaxLimit}, not {limit}.");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("bjoxMjM=")]
    [InlineData("cDox")]
    public async Task ListMemories_InvalidCursor_ThrowsValidation(string cursor)
    {
        var error = await Should.ThrowAsync<StoreValidationException>(() =>
            NewOwner().Memories.ListAsync(new MemoryQuery(), new PageRequest(10, cursor)));

        error.Message.ShouldStartWith("cursor is invalid");
    }

    [Fact]
    public async Task ListMemories_Filters_SelectMatchingMemories()
    {
        var owner = NewOwner();
        var alpha = await owner.Memories.CreateAsync(Draft(title: "alpha", project: "P1", category: "C1", tags: ["a", "b"], priority: 1));
        Time.Advance(TimeSpan.FromDays(1));
        var beta = await owner.Memories.CreateAsync(Draft(title: "beta", project: "P2", tags: ["b"], priority: 3));
        Time.Advance(TimeSpan.FromDays(1));
        var gamma = await owner.Memories.CreateAsync(Draft(title: "gamma", project: "p1", tags: ["c"], priority: 5));

        async Task<long[]> Ids(MemoryQuery query) =>
            (await owner.Memories.ListAsync(query, new PageRequest())).Items.Select(memory => memory.Id).Order().ToArray();

        (await Ids(new MemoryQuery(Project: "P1"))).ShouldBe([alpha.Id, gamma.Id]);
        (await Ids(new MemoryQuery(Category: "c1"))).ShouldBe([alpha.Id]);
        (await Ids(new MemoryQuery(Tags: ["a", "c"]))).ShouldBe([alpha.Id, gamma.Id]);
        (await Ids(new MemoryQuery(Tags: ["a", "b"], TagMatch: TagMatch.All))).ShouldBe([alpha.Id]);
        (await Ids(new MemoryQuery(MinPriority: 3))).ShouldBe([beta.Id, gamma.Id]);
        (await Ids(new MemoryQuery(MaxPriority: 3))).ShouldBe([alpha.Id, beta.Id]);
        (await Ids(new MemoryQuery(CreatedAfter: Start.AddHours(12), CreatedBefore: Start.AddHours(36)))).ShouldBe([beta.Id]);
        (await Ids(new MemoryQuery(Project: "missing"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task MemoryStatistics_CountsByGroupAndRecentActivity()
    {
        var owner = NewOwner();
        await owner.Memories.CreateAsync(Draft(project: "P", category: "C", priority: 2));
        await owner.Memories.CreateAsync(Draft(project: "P", priority: 2));
        Time.Advance(TimeSpan.FromDays(10));
        await owner.Memories.CreateAsync(Draft(category: "C", priority: 5));

        var statistics = await owner.Memories.GetStatisticsAsync();

        statistics.Total.ShouldBe(3);
        statistics.ByProject.ShouldBe(new Dictionary<string, int> { ["P"] = 2 });
        statistics.ByCategory.ShouldBe(new Dictionary<string, int> { ["C"] = 2 });
        statistics.ByPriority.ShouldBe(new Dictionary<int, int> { [2] = 2, [5] = 1 });
        statistics.CreatedLastSevenDays.ShouldBe(1);
        statistics.UpdatedLastSevenDays.ShouldBe(1);
    }
}
