using System.Text.Json;

namespace AiMemory.Core.Tests.Mcp;

public sealed class ContextToolTests
{
    [Fact]
    public async Task GetProjectContext_Standard_GathersInstructionsMemoriesTasks()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("create_project", new { name = "web" });
        await session.CallOkAsync("create_ai_instruction", new { title = "Web rule", content = "Use TypeScript.", scope = "project", target = "web" });
        await session.CallOkAsync("store_memory", new { title = "Stack", content = "Next.js on Vercel.", project = "web" });
        await session.CallOkAsync("store_memory", new { title = "Elsewhere", content = "Not web.", project = "other" });
        await TaskToolTests.CreateAsync(session, "Ship login", project: "web");
        var done = await TaskToolTests.CreateAsync(session, "Old work", project: "web");
        await session.CallOkAsync("complete_task", new { id = done, version = 1 });

        var result = await session.CallOkAsync("get_project_context", new { project = "web" });

        result.GetProperty("project").GetProperty("name").GetString().ShouldBe("web");
        result.GetProperty("detail").GetString().ShouldBe("standard");
        result.GetProperty("instructions").GetProperty("markedText").GetString()!.ShouldContain("Use TypeScript.");
        MemoryToolTests.Titles(Items(result, "memories")).ShouldBe(["Stack"]);
        MemoryToolTests.Titles(Items(result, "openTasks")).ShouldBe(["Ship login"]);
        var statistics = result.GetProperty("statistics");
        statistics.GetProperty("memories").GetInt32().ShouldBe(1);
        statistics.GetProperty("tasks").GetInt32().ShouldBe(2);
        statistics.GetProperty("openTasksShown").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task GetProjectContext_Summary_ShortensAndSaysWhatIsLeftOut()
    {
        await using var session = await McpTestSession.StartAsync();
        for (var index = 0; index < 7; index++)
        {
            await session.CallOkAsync("store_memory", new { title = $"Note {index}", content = new string('a', 500), project = "big" });
        }

        var result = await session.CallOkAsync("get_project_context", new { project = "big", detail = "summary" });

        var memories = result.GetProperty("memories").EnumerateArray().ToList();
        memories.Count.ShouldBe(5);
        memories[0].GetProperty("content").GetString()!.ShouldBe(new string('a', 200) + " […]");
        var omitted = result.GetProperty("omitted").EnumerateArray().Select(note => note.GetString()).ToList();
        omitted.ShouldContain(note => note!.StartsWith("More memories of 'big' exist", StringComparison.Ordinal));
        omitted.ShouldContain(note => note!.Contains("cut to 200 characters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetProjectContext_Full_KeepsWholeTextWithinBudget()
    {
        await using var session = await McpTestSession.StartAsync();
        for (var index = 0; index < 6; index++)
        {
            await session.CallOkAsync("store_memory", new { title = $"Big {index}", content = new string('b', 60_000), project = "huge" });
        }

        var result = await session.CallOkAsync("get_project_context", new { project = "huge", detail = "full" });

        var memories = result.GetProperty("memories").EnumerateArray().ToList();
        memories.Count.ShouldBe(4);
        memories.ShouldAllBe(memory => memory.GetProperty("content").GetString()!.Length == 60_000);
        result.GetProperty("omitted").EnumerateArray().Select(note => note.GetString())
            .ShouldContain("2 memories were left out to stay within the 262144-character response budget.");
    }

    [Fact]
    public async Task GetProjectContext_UnknownProject_ReportsNotFound()
    {
        await using var session = await McpTestSession.StartAsync();

        (await session.CallErrorAsync("get_project_context", new { project = "ghost" })).ShouldBe("project named 'ghost' was not found.");
    }

    [Fact]
    public async Task GetTaskContext_RelatedItems_FoundByProjectTagsAndSearch()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("store_memory", new { title = "Same project", content = "x", project = "api" });
        await session.CallOkAsync("store_memory", new { title = "Shared tag", content = "y", tags = new[] { "auth" } });
        await session.CallOkAsync("store_memory", new { title = "Token rotation notes", content = "rotate weekly" });
        await session.CallOkAsync("store_memory", new { title = "Unrelated", content = "gardening" });
        var task = await session.CallOkAsync("create_task", new { title = "rotation", project = "api", tags = new[] { "auth" } });
        await TaskToolTests.CreateAsync(session, "Sibling", project: "api");
        var id = task.GetProperty("item").GetProperty("id").GetInt64();

        var result = await session.CallOkAsync("get_task_context", new { id });

        result.GetProperty("task").GetProperty("id").GetInt64().ShouldBe(id);
        var related = result.GetProperty("relatedMemories").EnumerateArray()
            .ToDictionary(item => item.GetProperty("memory").GetProperty("title").GetString()!, item => item.GetProperty("reason").GetString());
        related.Count.ShouldBe(3);
        related["Same project"].ShouldBe("project");
        related["Shared tag"].ShouldBe("tags");
        related["Token rotation notes"].ShouldBe("search");
        MemoryToolTests.Titles(Items(result, "relatedTasks")).ShouldBe(["Sibling"]);
    }

    [Fact]
    public async Task GetMemoryContext_RelatedMemories_ExcludeTheMemoryItself()
    {
        await using var session = await McpTestSession.StartAsync();
        var focus = await session.CallOkAsync("store_memory", new { title = "Kubernetes", content = "cluster", project = "ops", tags = new[] { "k8s" } });
        await session.CallOkAsync("store_memory", new { title = "Helm charts", content = "z", tags = new[] { "k8s" } });
        await session.CallOkAsync("store_memory", new { title = "Pager", content = "on call", project = "ops" });
        await TaskToolTests.CreateAsync(session, "Upgrade nodes", project: "ops");
        var id = focus.GetProperty("item").GetProperty("id").GetInt64();

        var result = await session.CallOkAsync("get_memory_context", new { id });

        var titles = result.GetProperty("relatedMemories").EnumerateArray()
            .Select(item => item.GetProperty("memory").GetProperty("title").GetString()).ToList();
        titles.ShouldBe(["Pager", "Helm charts"], ignoreOrder: true);
        MemoryToolTests.Titles(Items(result, "relatedTasks")).ShouldBe(["Upgrade nodes"]);
    }

    [Fact]
    public async Task GetMemoryContext_UnknownId_ReportsNotFound()
    {
        await using var session = await McpTestSession.StartAsync();

        (await session.CallErrorAsync("get_memory_context", new { id = 5 })).ShouldBe("memory 5 was not found.");
        (await session.CallErrorAsync("get_task_context", new { id = 5 })).ShouldBe("task 5 was not found.");
    }

    [Fact]
    public async Task GetWorkPriorities_MixedTasks_RanksOverdueFirstAndFlagsIt()
    {
        await using var session = await McpTestSession.StartAsync();
        var now = McpTestSession.Start;
        await TaskToolTests.CreateAsync(session, "Someday", priority: 5);
        await TaskToolTests.CreateAsync(session, "Overdue", dueAt: Iso(now.AddDays(-2)), priority: 2);
        await TaskToolTests.CreateAsync(session, "Tomorrow", dueAt: Iso(now.AddHours(20)), priority: 3);
        await TaskToolTests.CreateAsync(session, "Paused", dueAt: Iso(now.AddHours(20)), priority: 3, status: "on_hold");
        var done = await TaskToolTests.CreateAsync(session, "Finished", dueAt: Iso(now.AddDays(-5)), priority: 5);
        await session.CallOkAsync("complete_task", new { id = done, version = 1 });

        var result = await session.CallOkAsync("get_work_priorities");

        result.GetProperty("now").GetDateTimeOffset().ShouldBe(now);
        result.GetProperty("considered").GetInt32().ShouldBe(4);
        result.GetProperty("complete").GetBoolean().ShouldBeTrue();
        result.GetProperty("overdue").GetInt32().ShouldBe(1);
        var ranked = result.GetProperty("tasks").EnumerateArray().ToList();
        ranked.Select(item => item.GetProperty("task").GetProperty("title").GetString())
            .ShouldBe(["Overdue", "Tomorrow", "Paused", "Someday"]);
        ranked.Select(item => item.GetProperty("urgency").GetInt32()).ShouldBe([72, 70, 55, 50]);
        ranked[0].GetProperty("overdue").GetBoolean().ShouldBeTrue();
        ranked[0].GetProperty("hoursUntilDue").GetDouble().ShouldBe(-48);
        ranked[0].GetProperty("reasons").EnumerateArray().Select(reason => reason.GetString()).ShouldContain("overdue by 2 days");
        ranked[1].GetProperty("overdue").GetBoolean().ShouldBeFalse();
    }

    private static string Iso(DateTimeOffset time) => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonElement Items(JsonElement result, string property) =>
        JsonDocument.Parse($"{{\"items\":{result.GetProperty(property).GetRawText()}}}").RootElement;
}
