using System.Text.Json;
using AiMemory.Security;
using AiMemory.Testing;

namespace AiMemory.Core.Tests.Mcp;

public sealed class MemoryToolTests
{
    [Fact]
    public async Task StoreMemory_ValidInput_ReturnsStoredMemory()
    {
        await using var session = await McpTestSession.StartAsync();

        var result = await session.CallOkAsync("store_memory", new
        {
            title = "Deploy window",
            content = "Deploys happen on Tuesdays after 14:00 UTC. 数据库 🧑‍💻",
            project = "infra",
            tags = new[] { "ops", "schedule" },
            priority = 4,
        });

        var item = result.GetProperty("item");
        item.GetProperty("id").GetInt64().ShouldBeGreaterThan(0);
        item.GetProperty("title").GetString().ShouldBe("Deploy window");
        item.GetProperty("content").GetString().ShouldBe("Deploys happen on Tuesdays after 14:00 UTC. 数据库 🧑‍💻");
        item.GetProperty("project").GetString().ShouldBe("infra");
        item.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).ShouldBe(["ops", "schedule"], ignoreOrder: true);
        item.GetProperty("priority").GetInt32().ShouldBe(4);
        item.GetProperty("version").GetInt32().ShouldBe(1);
        result.GetProperty("sanitized").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task GetMemory_StoredId_ReturnsSameMemory()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await StoreAsync(session, "Coffee", "The user takes coffee black.");

        var result = await session.CallOkAsync("get_memory", new { id });

        result.GetProperty("item").GetProperty("id").GetInt64().ShouldBe(id);
        result.GetProperty("item").GetProperty("content").GetString().ShouldBe("The user takes coffee black.");
    }

    [Fact]
    public async Task GetMemory_UnknownId_ReportsNotFound()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("get_memory", new { id = 424242 });

        message.ShouldBe("memory 424242 was not found.");
    }

    [Fact]
    public async Task UpdateMemory_CurrentVersion_AppliesChanges()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await StoreAsync(session, "Editor", "Uses vim.");

        var result = await session.CallOkAsync("update_memory", new { id, version = 1, content = "Uses helix now.", tags = new[] { "tools" } });

        var item = result.GetProperty("item");
        item.GetProperty("content").GetString().ShouldBe("Uses helix now.");
        item.GetProperty("title").GetString().ShouldBe("Editor");
        item.GetProperty("version").GetInt32().ShouldBe(2);
        item.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).ShouldBe(["tools"]);
    }

    [Fact]
    public async Task UpdateMemory_StaleVersion_ReportsConflict()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await StoreAsync(session, "Editor", "Uses vim.");
        await session.CallOkAsync("update_memory", new { id, version = 1, content = "Uses emacs." });

        var message = await session.CallErrorAsync("update_memory", new { id, version = 1, content = "Uses nano." });

        message.ShouldContain("version 2, not 1");
        var stored = await session.CallOkAsync("get_memory", new { id });
        stored.GetProperty("item").GetProperty("content").GetString().ShouldBe("Uses emacs.");
    }

    [Fact]
    public async Task DeleteMemory_StoredId_RemovesIt()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await StoreAsync(session, "Temporary", "Delete me.");

        var result = await session.CallOkAsync("delete_memory", new { id, version = 1 });

        result.GetProperty("deleted").GetBoolean().ShouldBeTrue();
        (await session.CallErrorAsync("get_memory", new { id })).ShouldBe($"memory {id} was not found.");
    }

    [Fact]
    public async Task DeleteMemory_UnknownId_ReportsNotFound()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("delete_memory", new { id = 99 });

        message.ShouldContain("99 was not found");
    }

    [Fact]
    public async Task ListMemories_MoreThanOnePage_PagesWithCursor()
    {
        await using var session = await McpTestSession.StartAsync();
        for (var index = 0; index < 3; index++)
        {
            await StoreAsync(session, $"Note {index}", $"Body {index}");
        }

        var first = await session.CallOkAsync("list_memories", new { limit = 2 });
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await session.CallOkAsync("list_memories", new { limit = 2, cursor });

        first.GetProperty("items").GetArrayLength().ShouldBe(2);
        cursor.ShouldNotBeNullOrEmpty();
        second.GetProperty("items").GetArrayLength().ShouldBe(1);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        Titles(first).Concat(Titles(second)).ShouldBe(["Note 0", "Note 1", "Note 2"], ignoreOrder: true);
    }

    [Fact]
    public async Task ListMemories_ProjectFilter_ReturnsOnlyThatProject()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("store_memory", new { title = "A", content = "alpha", project = "one" });
        await session.CallOkAsync("store_memory", new { title = "B", content = "beta", project = "two" });

        var result = await session.CallOkAsync("list_memories", new { project = "two" });

        Titles(result).ShouldBe(["B"]);
    }

    [Fact]
    public async Task SearchMemories_MatchingWord_FindsMemory()
    {
        await using var session = await McpTestSession.StartAsync();
        await StoreAsync(session, "Database", "We chose PostgreSQL for the reporting service.");
        await StoreAsync(session, "Lunch", "Sandwiches on Friday.");

        var result = await session.CallOkAsync("search_memories", new { query = "PostgreSQL" });

        var hits = result.GetProperty("items").EnumerateArray().ToList();
        hits.Count.ShouldBe(1);
        hits[0].GetProperty("memory").GetProperty("title").GetString().ShouldBe("Database");
    }

    [Fact]
    public async Task SearchMemories_OperatorCharacters_DoesNotFail()
    {
        await using var session = await McpTestSession.StartAsync();
        await StoreAsync(session, "C++", "Notes on c++ templates.");

        var result = await session.CallOkAsync("search_memories", new { query = "c++ AND \"unbalanced -x: *" });

        result.GetProperty("items").ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task GetMemoryStats_StoredMemories_CountsThem()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("store_memory", new { title = "A", content = "alpha", project = "one", priority = 5 });
        await session.CallOkAsync("store_memory", new { title = "B", content = "beta", project = "one" });

        var result = await session.CallOkAsync("get_memory_stats");

        var statistics = result.GetProperty("statistics");
        statistics.GetProperty("total").GetInt32().ShouldBe(2);
        statistics.GetProperty("byProject").GetProperty("one").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task ExportMemories_ThenImportForOtherOwner_CopiesMemories()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("shared.db");
        JsonElement exported;
        await using (var alice = await McpTestSession.StartAsync(databasePath: path))
        {
            await StoreAsync(alice, "First", "one");
            await StoreAsync(alice, "Second", "two");
            exported = await alice.CallOkAsync("export_memories");
        }

        await using var bob = await McpTestSession.StartAsync(Identities.Bob, path);
        var imported = await bob.CallOkAsync("import_memories", new { memories = exported.GetProperty("items") });
        var again = await bob.CallOkAsync("import_memories", new { memories = exported.GetProperty("items") });

        imported.GetProperty("created").GetInt32().ShouldBe(2);
        again.GetProperty("created").GetInt32().ShouldBe(0);
        again.GetProperty("unchanged").GetInt32().ShouldBe(2);
        Titles(await bob.CallOkAsync("list_memories")).ShouldBe(["First", "Second"], ignoreOrder: true);
    }

    [Fact]
    public async Task ListMemories_PageOverBudget_CutsPageAndGivesCursor()
    {
        await using var session = await McpTestSession.StartAsync();
        var big = new string('x', 60_000);
        for (var index = 0; index < 5; index++)
        {
            await StoreAsync(session, $"Big {index}", big);
        }

        var first = await session.CallOkAsync("list_memories", new { limit = 5, sort = "oldest" });
        var rest = await session.CallOkAsync("list_memories", new { limit = 5, sort = "oldest", cursor = first.GetProperty("nextCursor").GetString() });

        first.GetProperty("items").GetArrayLength().ShouldBe(4);
        first.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        first.GetProperty("note").GetString()!.ShouldContain("262144-character response budget");
        Titles(rest).ShouldBe(["Big 4"]);
        rest.GetProperty("truncated").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task StoreMemory_BidiOverride_RemovesItAndReportsIt()
    {
        await using var session = await McpTestSession.StartAsync();

        var result = await session.CallOkAsync("store_memory", new { title = "Invoice\u202Efdp.exe", content = "Plain text." });

        result.GetProperty("item").GetProperty("title").GetString().ShouldBe("Invoicefdp.exe");
        var removed = result.GetProperty("sanitized").EnumerateArray().Select(entry => entry.GetString()).ToList();
        removed.Count.ShouldBe(1);
        removed[0]!.ShouldStartWith("title: ");
    }

    [Fact]
    public async Task StoreMemory_TitleLongerAfterNormalisation_ReportsFieldAndLimit()
    {
        await using var session = await McpTestSession.StartAsync();

        // U+0958 is 200 characters as sent, within the schema limit, but NFC turns each into two.
        var message = await session.CallErrorAsync("store_memory", new { title = new string('\u0958', 200), content = "x" });

        message.ShouldContain("title");
        message.ShouldContain("200");
    }

    [Fact]
    public async Task StoreMemory_TitleOverLimit_ReportsFieldAndLimit()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("store_memory", new { title = new string('t', 201), content = "x" });

        message.ShouldBe("Invalid arguments for store_memory: 'title' is 201 characters long; the limit is 200.");
    }

    [Fact]
    public async Task StoreMemory_MissingContent_ReportsMissingArgument()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("store_memory", new { title = "No body" });

        message.ShouldBe("Invalid arguments for store_memory: 'content' is required but missing.");
    }

    [Fact]
    public async Task GetMemory_IdOfWrongType_ReportsExpectedType()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("get_memory", new { id = "seven" });

        message.ShouldBe("Invalid arguments for get_memory: 'id' must be integer; got string.");
    }

    [Fact]
    public async Task StoreMemory_PriorityOutOfRange_ReportsRange()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("store_memory", new { title = "T", content = "C", priority = 9 });

        message.ShouldBe("Invalid arguments for store_memory: 'priority' must be at most 5; got 9.");
    }

    [Fact]
    public async Task StoreMemory_TooManyTags_ReportsLimit()
    {
        await using var session = await McpTestSession.StartAsync();
        var tags = Enumerable.Range(0, 33).Select(index => $"tag{index}").ToArray();

        var message = await session.CallErrorAsync("store_memory", new { title = "T", content = "C", tags });

        message.ShouldBe("Invalid arguments for store_memory: 'tags' has 33 items; the limit is 32.");
    }

    [Fact]
    public async Task ListMemories_LimitOverMaximum_ReportsRange()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("list_memories", new { limit = 101 });

        message.ShouldBe("Invalid arguments for list_memories: 'limit' must be at most 100; got 101.");
    }

    [Fact]
    public async Task StoreMemory_UnknownArgument_ReportsIt()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("store_memory", new { title = "T", content = "C", owner = "mallory" });

        message.ShouldBe("Invalid arguments for store_memory: 'owner' is not a known argument.");
    }

    [Fact]
    public async Task StoreMemory_ReadOnlyKey_RejectsWithMissingScope()
    {
        await using var session = await McpTestSession.StartAsync(Identities.AliceReadOnly);

        var message = await session.CallErrorAsync("store_memory", new { title = "T", content = "C" });

        message.ShouldContain($"'{AiMemoryScopes.Write}' scope");
    }

    [Fact]
    public async Task StoreMemory_ReadOnlyKeyAndBadArguments_RejectsScopeFirst()
    {
        await using var session = await McpTestSession.StartAsync(Identities.AliceReadOnly);

        var message = await session.CallErrorAsync("store_memory", new { title = new string('t', 500) });

        message.ShouldStartWith("Forbidden");
        message.ShouldNotContain("title");
    }

    [Fact]
    public async Task ListMemories_WriteOnlyKey_RejectsWithMissingScope()
    {
        await using var session = await McpTestSession.StartAsync(McpTestSession.Alice with { Scopes = [AiMemoryScopes.Write] });

        var message = await session.CallErrorAsync("list_memories");

        message.ShouldContain($"'{AiMemoryScopes.Read}' scope");
    }

    [Fact]
    public async Task ListMemories_NoIdentity_ReportsUnauthorized()
    {
        await using var session = await McpTestSession.StartAsync(withoutIdentity: true);

        var message = await session.CallErrorAsync("list_memories");

        message.ShouldStartWith("Unauthorized");
    }

    [Fact]
    public async Task Memories_TwoOwnersOnOneStore_SeeOnlyTheirOwn()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("shared.db");
        await using var alice = await McpTestSession.StartAsync(databasePath: path);
        await using var bob = await McpTestSession.StartAsync(Identities.Bob, path);
        // Ids are unique per owner, so Alice stores two and Bob one: Bob has no memory with Alice's second id.
        await StoreAsync(alice, "Alice's list", "Eggs.");
        var aliceId = await StoreAsync(alice, "Alice's secret", "The launch code is 1234.");
        await StoreAsync(bob, "Bob's note", "Buy milk.");

        var bobList = await bob.CallOkAsync("list_memories");
        var bobSearch = await bob.CallOkAsync("search_memories", new { query = "launch" });
        var bobGet = await bob.CallErrorAsync("get_memory", new { id = aliceId });
        var bobDelete = await bob.CallErrorAsync("delete_memory", new { id = aliceId });

        Titles(bobList).ShouldBe(["Bob's note"]);
        bobSearch.GetProperty("items").GetArrayLength().ShouldBe(0);
        bobGet.ShouldBe($"memory {aliceId} was not found.");
        bobDelete.ShouldContain("was not found");
        Titles(await alice.CallOkAsync("list_memories")).ShouldBe(["Alice's list", "Alice's secret"], ignoreOrder: true);
    }

    [Fact]
    public async Task StoreMemory_StoreUnreachable_ReportsStorageUnavailable()
    {
        // Port 1 on loopback refuses connections, so the PostgreSQL store cannot open one.
        await using var session = await McpTestSession.StartAsync(
            unreachableDatabaseUrl: "postgresql://aimemory:secret@127.0.0.1:1/aimemory?timeout=2");

        var message = await session.CallErrorAsync("store_memory", new { title = "T", content = "C" });

        message.ShouldStartWith("Storage unavailable");
        message.ShouldNotContain("secret");
    }

    internal static async Task<long> StoreAsync(McpTestSession session, string title, string content)
    {
        var result = await session.CallOkAsync("store_memory", new { title, content });
        return result.GetProperty("item").GetProperty("id").GetInt64();
    }

    internal static IEnumerable<string?> Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("title").GetString());
}
