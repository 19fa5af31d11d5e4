using System.Text.Json;

namespace AiMemory.Core.Tests.Mcp;

public sealed class TaskToolTests
{
    [Fact]
    public async Task CreateTask_ValidInput_ReturnsStoredTask()
    {
        await using var session = await McpTestSession.StartAsync();

        var result = await session.CallOkAsync("create_task", new
        {
            title = "Write release notes",
            description = "Cover the new search.",
            status = "in_progress",
            priority = 4,
            dueAt = "2026-03-05T17:00:00+02:00",
            project = "release",
            tags = new[] { "docs" },
        });

        var item = result.GetProperty("item");
        item.GetProperty("title").GetString().ShouldBe("Write release notes");
        item.GetProperty("status").GetString().ShouldBe("in_progress");
        item.GetProperty("priority").GetInt32().ShouldBe(4);
        item.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(2026, 3, 5, 15, 0, 0, TimeSpan.Zero));
        item.GetProperty("dueAt").GetString()!.ShouldEndWith("+00:00");
        item.GetProperty("project").GetString().ShouldBe("release");
    }

    [Fact]
    public async Task CreateTask_UnknownStatus_ReportsAllowedValues()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("create_task", new { title = "T", status = "done" });

        message.ShouldBe(
            "Invalid arguments for create_task: 'status' must be one of: not_started, in_progress, completed, cancelled, on_hold.");
    }

    [Fact]
    public async Task CreateTask_BadDueTime_ReportsFormat()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("create_task", new { title = "T", dueAt = "next tuesday" });

        message.ShouldContain("'dueAt' must be an ISO 8601 date and time");
    }

    [Fact]
    public async Task BatchCreateTasks_ValidList_CreatesAll()
    {
        await using var session = await McpTestSession.StartAsync();

        var result = await session.CallOkAsync("batch_create_tasks", new
        {
            tasks = new object[] { new { title = "One" }, new { title = "Two", priority = 5 }, new { title = "Three", status = "on_hold" } },
        });

        result.GetProperty("created").GetInt32().ShouldBe(3);
        MemoryToolTests.Titles(await session.CallOkAsync("list_tasks")).ShouldBe(["One", "Two", "Three"], ignoreOrder: true);
    }

    [Fact]
    public async Task BatchCreateTasks_OneInvalid_CreatesNone()
    {
        await using var session = await McpTestSession.StartAsync();

        var message = await session.CallErrorAsync("batch_create_tasks", new
        {
            tasks = new object[] { new { title = "Fine" }, new { title = "Bad", priority = 7 } },
        });

        message.ShouldBe("Invalid arguments for batch_create_tasks: 'tasks[1].priority' must be at most 5; got 7.");
        (await session.CallOkAsync("list_tasks")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ListTasks_StatusFilter_ReturnsMatchingTasks()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("create_task", new { title = "Open" });
        await session.CallOkAsync("create_task", new { title = "Busy", status = "in_progress" });

        var result = await session.CallOkAsync("list_tasks", new { statuses = new[] { "in_progress" } });

        MemoryToolTests.Titles(result).ShouldBe(["Busy"]);
    }

    [Fact]
    public async Task SearchTasks_MatchingWord_FindsTask()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("create_task", new { title = "Rotate certificates", description = "The TLS chain expires in April." });
        await session.CallOkAsync("create_task", new { title = "Water plants" });

        var result = await session.CallOkAsync("search_tasks", new { query = "certificates" });

        var hits = result.GetProperty("items").EnumerateArray().ToList();
        hits.Count.ShouldBe(1);
        hits[0].GetProperty("task").GetProperty("title").GetString().ShouldBe("Rotate certificates");
    }

    [Fact]
    public async Task GetTask_UnknownId_ReportsNotFound()
    {
        await using var session = await McpTestSession.StartAsync();

        (await session.CallErrorAsync("get_task", new { id = 77 })).ShouldBe("task 77 was not found.");
    }

    [Fact]
    public async Task UpdateTask_ClearDueAt_RemovesDueTime()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await CreateAsync(session, "Due", dueAt: "2026-04-01T00:00:00Z");

        var result = await session.CallOkAsync("update_task", new { id, version = 1, clearDueAt = true, title = "No longer due" });

        result.GetProperty("item").GetProperty("dueAt").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("item").GetProperty("title").GetString().ShouldBe("No longer due");
        result.GetProperty("item").GetProperty("version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task UpdateTask_StaleVersion_ReportsConflict()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await CreateAsync(session, "Race");
        await session.CallOkAsync("update_task", new { id, version = 1, priority = 5 });

        var message = await session.CallErrorAsync("update_task", new { id, version = 1, priority = 1 });

        message.ShouldContain("version 2, not 1");
    }

    [Fact]
    public async Task CompleteTask_OpenTask_SetsStatusAndTime()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await CreateAsync(session, "Finish me");

        var result = await session.CallOkAsync("complete_task", new { id, version = 1 });

        result.GetProperty("item").GetProperty("status").GetString().ShouldBe("completed");
        result.GetProperty("item").GetProperty("completedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task ArchiveTask_OpenTask_HidesItFromDefaultList()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await CreateAsync(session, "Old");

        var result = await session.CallOkAsync("archive_task", new { id, version = 1 });

        result.GetProperty("item").GetProperty("archived").GetBoolean().ShouldBeTrue();
        (await session.CallOkAsync("list_tasks")).GetProperty("items").GetArrayLength().ShouldBe(0);
        MemoryToolTests.Titles(await session.CallOkAsync("list_tasks", new { includeArchived = true })).ShouldBe(["Old"]);
    }

    [Fact]
    public async Task DeleteTask_StoredId_RemovesIt()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = await CreateAsync(session, "Gone");

        (await session.CallOkAsync("delete_task", new { id })).GetProperty("deleted").GetBoolean().ShouldBeTrue();

        (await session.CallErrorAsync("get_task", new { id })).ShouldBe($"task {id} was not found.");
    }

    [Fact]
    public async Task GetTaskStats_MixedTasks_CountsByStatus()
    {
        await using var session = await McpTestSession.StartAsync();
        await CreateAsync(session, "A");
        var done = await CreateAsync(session, "B");
        await session.CallOkAsync("complete_task", new { id = done, version = 1 });

        var statistics = (await session.CallOkAsync("get_task_stats")).GetProperty("statistics");

        statistics.GetProperty("total").GetInt32().ShouldBe(2);
        statistics.GetProperty("byStatus").GetProperty("completed").GetInt32().ShouldBe(1);
        statistics.GetProperty("byStatus").GetProperty("not_started").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task ExportTasks_ArchivedIncluded_PagesOldestFirst()
    {
        await using var session = await McpTestSession.StartAsync();
        await CreateAsync(session, "First");
        var second = await CreateAsync(session, "Second");
        await session.CallOkAsync("archive_task", new { id = second, version = 1 });
        await CreateAsync(session, "Third");

        var first = await session.CallOkAsync("export_tasks", new { limit = 2 });
        var rest = await session.CallOkAsync("export_tasks", new { limit = 2, cursor = first.GetProperty("nextCursor").GetString() });

        MemoryToolTests.Titles(first).Concat(MemoryToolTests.Titles(rest)).ShouldBe(["First", "Second", "Third"]);
        rest.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Tasks_TwoOwnersOnOneStore_SeeOnlyTheirOwn()
    {
        using var folder = new AiMemory.Testing.TemporaryDirectory();
        var path = folder.Combine("shared.db");
        await using var alice = await McpTestSession.StartAsync(databasePath: path);
        await using var bob = await McpTestSession.StartAsync(Identities.Bob, path);
        var aliceTask = await CreateAsync(alice, "Alice's task");

        (await bob.CallOkAsync("list_tasks")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await bob.CallErrorAsync("update_task", new { id = aliceTask, version = 1, title = "Hijacked" })).ShouldContain("was not found");
        (await bob.CallOkAsync("get_task_stats")).GetProperty("statistics").GetProperty("total").GetInt32().ShouldBe(0);
        (await alice.CallOkAsync("get_task", new { id = aliceTask })).GetProperty("item").GetProperty("title").GetString()
            .ShouldBe("Alice's task");
    }

    internal static async Task<long> CreateAsync(McpTestSession session, string title, string? dueAt = null, string? project = null,
        int priority = 3, string status = "not_started")
    {
        var result = await session.CallOkAsync("create_task", new { title, dueAt, project, priority, status });
        return result.GetProperty("item").GetProperty("id").GetInt64();
    }
}
