using System.Text.Json;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>The tools over a real stdio server process, on the embedded SQLite store as the local owner.</summary>
public sealed class StdioToolTests
{
    [Fact]
    public async Task Memory_StoreSearchUpdateGetDelete_RoundTrips()
    {
        using var environment = new ServerEnvironment();
        await using var server = await StdioServer.StartAsync(environment);
        var client = server.Client;

        var stored = await client.CallAsync("store_memory", new()
        {
            ["title"] = "Deployment window",
            ["content"] = "Production deploys happen on Tuesdays after the stand-up.",
            ["tags"] = new[] { "ops", "release" },
            ["priority"] = 4,
        });
        var memory = stored.GetProperty("item");
        var id = memory.GetProperty("id").GetInt64();
        var version = memory.GetProperty("version").GetInt32();

        var found = await client.CallAsync("search_memories", new() { ["query"] = "Tuesdays deploys" });
        var updated = await client.CallAsync("update_memory", new()
        {
            ["id"] = id, ["version"] = version, ["content"] = "Production deploys moved to Wednesdays.",
        });
        var read = await client.CallAsync("get_memory", new() { ["id"] = id });
        var deleted = await client.CallAsync("delete_memory", new() { ["id"] = id });
        var afterDelete = await client.CallFailingAsync("get_memory", new() { ["id"] = id });

        memory.GetProperty("title").GetString().ShouldBe("Deployment window");
        memory.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).ShouldBe(["ops", "release"], ignoreOrder: true);
        found.GetProperty("items").EnumerateArray().Select(hit => hit.GetProperty("memory").GetProperty("id").GetInt64()).ShouldContain(id);
        updated.GetProperty("item").GetProperty("version").GetInt32().ShouldBe(version + 1);
        read.GetProperty("item").GetProperty("content").GetString().ShouldBe("Production deploys moved to Wednesdays.");
        read.GetProperty("item").GetProperty("priority").GetInt32().ShouldBe(4);
        deleted.GetProperty("deleted").GetBoolean().ShouldBeTrue();
        afterDelete.ShouldContain("was not found");
    }

    [Fact]
    public async Task TasksAndInstructions_LocalOwner_CreatesAndReads()
    {
        using var environment = new ServerEnvironment();
        await using var server = await StdioServer.StartAsync(environment);
        var client = server.Client;

        var created = await client.CallAsync("create_task", new()
        {
            ["title"] = "Write the release notes", ["project"] = "aimemory", ["priority"] = 5,
        });
        var taskId = created.GetProperty("item").GetProperty("id").GetInt64();
        var taskVersion = created.GetProperty("item").GetProperty("version").GetInt32();
        var completed = await client.CallAsync("complete_task", new() { ["id"] = taskId, ["version"] = taskVersion });
        var tasks = await client.CallAsync("list_tasks", new() { ["project"] = "aimemory" });
        var instruction = await client.CallAsync("create_ai_instruction", new()
        {
            ["title"] = "Tone", ["content"] = "Answer in short sentences.", ["scope"] = "project", ["target"] = "aimemory",
        });
        var applicable = await client.CallAsync("get_ai_instructions", new() { ["project"] = "aimemory" });

        completed.GetProperty("item").GetProperty("status").GetString().ShouldBe("completed");
        tasks.GetProperty("items").EnumerateArray().Select(task => task.GetProperty("id").GetInt64()).ShouldBe([taskId]);
        instruction.GetProperty("item").GetProperty("scope").GetString().ShouldBe("project");
        applicable.GetProperty("instructions").EnumerateArray().Select(item => item.GetProperty("title").GetString()).ShouldBe(["Tone"]);
        applicable.GetProperty("markedText").GetString().ShouldNotBeNull().ShouldContain("Answer in short sentences.");
    }

    [Theory]
    [InlineData("数据库迁移计划：先备份，再升级。", "数据库迁移")]
    [InlineData("Family: 👨‍👩‍👧‍👦 and flags 🏳️‍🌈 with skin tone 👋🏽", "Family")]
    [InlineData("混合 text with emoji 🧑‍💻 and 日本語のテキスト", "日本語")]
    public async Task StoreMemory_EmojiAndCjk_RoundTripUnchanged(string content, string query)
    {
        using var environment = new ServerEnvironment();
        await using var server = await StdioServer.StartAsync(environment);
        var client = server.Client;

        var stored = await client.CallAsync("store_memory", new() { ["title"] = "標題 ✨", ["content"] = content });
        var id = stored.GetProperty("item").GetProperty("id").GetInt64();
        var read = await client.CallAsync("get_memory", new() { ["id"] = id });
        var found = await client.CallAsync("search_memories", new() { ["query"] = query });

        stored.GetProperty("sanitized").GetArrayLength().ShouldBe(0);
        read.GetProperty("item").GetProperty("title").GetString().ShouldBe("標題 ✨");
        read.GetProperty("item").GetProperty("content").GetString().ShouldBe(content);
        found.GetProperty("items").EnumerateArray().Select(hit => hit.GetProperty("memory").GetProperty("id").GetInt64()).ShouldContain(id);
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Connect_ProtocolVersion_ServesTools(string? protocolVersion)
    {
        using var environment = new ServerEnvironment();
        await using var server = await StdioServer.StartAsync(environment, protocolVersion);

        var tools = await server.Client.ListToolsAsync();
        var stored = await server.Client.CallAsync("store_memory", new() { ["title"] = "v", ["content"] = "protocol check" });

        if (protocolVersion is not null)
        {
            server.Client.NegotiatedProtocolVersion.ShouldBe(protocolVersion);
        }
        else
        {
            server.Client.NegotiatedProtocolVersion.ShouldNotBeNullOrEmpty();
        }

        tools.Select(tool => tool.Name).ShouldContain("store_memory");
        tools.Select(tool => tool.Name).ShouldContain("create_ai_instruction");
        stored.GetProperty("item").GetProperty("id").GetInt64().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task TwoProcesses_OneSqliteFile_SeeEachOthersWrites()
    {
        using var first = new ServerEnvironment();
        using var second = new ServerEnvironment(first.Folder);
        await using var serverA = await StdioServer.StartAsync(first);
        await using var serverB = await StdioServer.StartAsync(second);

        var writes = Enumerable.Range(0, 10).Select(index =>
            (index % 2 == 0 ? serverA : serverB).Client.CallAsync("store_memory", new()
            {
                ["title"] = $"note {index}", ["content"] = $"written by process {index % 2}",
            }));
        var results = await Task.WhenAll(writes);
        var listedByA = await serverA.Client.CallAsync("list_memories", new() { ["limit"] = 100 });
        var listedByB = await serverB.Client.CallAsync("list_memories", new() { ["limit"] = 100 });

        results.Select(result => result.GetProperty("item").GetProperty("id").GetInt64()).Distinct().Count().ShouldBe(10);
        Titles(listedByA).ShouldBe(Enumerable.Range(0, 10).Select(index => $"note {index}"), ignoreOrder: true);
        Titles(listedByB).ShouldBe(Titles(listedByA), ignoreOrder: true);
    }

    private static IEnumerable<string?> Titles(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("title").GetString()).ToList();
}
