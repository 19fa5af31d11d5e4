using System.Text.Json;
using AiMemory.Security;

namespace AiMemory.Core.Tests.Mcp;

public sealed class OrganisationToolTests
{
    [Fact]
    public async Task CreateProject_SameNameTwice_ReturnsSameProject()
    {
        await using var session = await McpTestSession.StartAsync();

        var first = await session.CallOkAsync("create_project", new { name = "Apollo", description = "Moon", color = "#3366ff" });
        var second = await session.CallOkAsync("create_project", new { name = "Apollo" });

        second.GetProperty("item").GetProperty("id").GetInt64().ShouldBe(first.GetProperty("item").GetProperty("id").GetInt64());
        first.GetProperty("item").GetProperty("color").GetString().ShouldBe("#3366ff");
    }

    [Fact]
    public async Task GetProject_ByIdAndByName_ReturnsProject()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = (await session.CallOkAsync("create_project", new { name = "Gemini" })).GetProperty("item").GetProperty("id").GetInt64();

        var byId = await session.CallOkAsync("get_project", new { id });
        var byName = await session.CallOkAsync("get_project", new { name = "Gemini" });

        byId.GetProperty("item").GetProperty("name").GetString().ShouldBe("Gemini");
        byName.GetProperty("item").GetProperty("id").GetInt64().ShouldBe(id);
    }

    [Fact]
    public async Task GetProject_NeitherIdNorName_ReportsBoth()
    {
        await using var session = await McpTestSession.StartAsync();

        (await session.CallErrorAsync("get_project")).ShouldBe("Give either 'id' or 'name', not both and not neither.");
    }

    [Fact]
    public async Task GetProject_UnknownName_ReportsNotFound()
    {
        await using var session = await McpTestSession.StartAsync();

        (await session.CallErrorAsync("get_project", new { name = "Nowhere" })).ShouldBe("project named 'Nowhere' was not found.");
    }

    [Fact]
    public async Task ListProjects_TwoProjects_ListsByName()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("create_project", new { name = "Zeta" });
        await session.CallOkAsync("create_project", new { name = "Alpha" });

        var result = await session.CallOkAsync("list_projects");

        Names(result).ShouldBe(["Alpha", "Zeta"]);
    }

    [Fact]
    public async Task UpdateProject_CurrentVersion_Renames()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = (await session.CallOkAsync("create_project", new { name = "Old" })).GetProperty("item").GetProperty("id").GetInt64();

        var result = await session.CallOkAsync("update_project", new { id, version = 1, name = "New" });

        result.GetProperty("item").GetProperty("name").GetString().ShouldBe("New");
        (await session.CallErrorAsync("update_project", new { id, version = 1, name = "Newer" })).ShouldContain("version 2, not 1");
    }

    [Fact]
    public async Task DeleteProject_WithMemories_KeepsMemories()
    {
        await using var session = await McpTestSession.StartAsync();
        var memory = await session.CallOkAsync("store_memory", new { title = "Kept", content = "stays", project = "Doomed" });
        var id = (await session.CallOkAsync("get_project", new { name = "Doomed" })).GetProperty("item").GetProperty("id").GetInt64();

        (await session.CallOkAsync("delete_project", new { id })).GetProperty("deleted").GetBoolean().ShouldBeTrue();

        var memoryId = memory.GetProperty("item").GetProperty("id").GetInt64();
        var kept = await session.CallOkAsync("get_memory", new { id = memoryId });
        kept.GetProperty("item").GetProperty("project").ValueKind.ShouldBe(JsonValueKind.Null);
        (await session.CallErrorAsync("get_project", new { id })).ShouldBe($"project {id} was not found.");
    }

    [Fact]
    public async Task CategoryTools_FullLifecycle_Works()
    {
        await using var session = await McpTestSession.StartAsync();

        var created = await session.CallOkAsync("create_category", new { name = "Recipes", description = "Food" });
        var id = created.GetProperty("item").GetProperty("id").GetInt64();
        var byName = await session.CallOkAsync("get_category", new { name = "Recipes" });
        var updated = await session.CallOkAsync("update_category", new { id, version = 1, description = "Cooking" });
        var listed = await session.CallOkAsync("list_categories");
        var deleted = await session.CallOkAsync("delete_category", new { id, version = 2 });

        byName.GetProperty("item").GetProperty("id").GetInt64().ShouldBe(id);
        updated.GetProperty("item").GetProperty("description").GetString().ShouldBe("Cooking");
        Names(listed).ShouldBe(["Recipes"]);
        deleted.GetProperty("deleted").GetBoolean().ShouldBeTrue();
        (await session.CallErrorAsync("get_category", new { id })).ShouldBe($"category {id} was not found.");
    }

    [Fact]
    public async Task DeleteCategory_StaleVersion_ReportsConflict()
    {
        await using var session = await McpTestSession.StartAsync();
        var id = (await session.CallOkAsync("create_category", new { name = "Misc" })).GetProperty("item").GetProperty("id").GetInt64();
        await session.CallOkAsync("update_category", new { id, version = 1, description = "changed" });

        (await session.CallErrorAsync("delete_category", new { id, version = 1 })).ShouldContain("version 2, not 1");
    }

    [Fact]
    public async Task ListStatuses_Always_ReturnsFixedList()
    {
        await using var session = await McpTestSession.StartAsync();

        var result = await session.CallOkAsync("list_statuses");

        result.GetProperty("statuses").EnumerateArray().Select(status => status.GetString())
            .ShouldBe(["not_started", "in_progress", "completed", "cancelled", "on_hold"]);
    }

    [Fact]
    public async Task ListTags_TaggedItems_CountsUsage()
    {
        await using var session = await McpTestSession.StartAsync();
        await session.CallOkAsync("store_memory", new { title = "M", content = "c", tags = new[] { "red", "blue" } });
        await session.CallOkAsync("create_task", new { title = "T", tags = new[] { "red" } });

        var result = await session.CallOkAsync("list_tags");

        var red = result.GetProperty("items").EnumerateArray().Single(tag => tag.GetProperty("name").GetString() == "red");
        red.GetProperty("memoryCount").GetInt32().ShouldBe(1);
        red.GetProperty("taskCount").GetInt32().ShouldBe(1);
        Names(result).ShouldBe(["blue", "red"]);
    }

    [Fact]
    public async Task DeleteTag_UsedTag_RemovesItFromItems()
    {
        await using var session = await McpTestSession.StartAsync();
        var memory = await session.CallOkAsync("store_memory", new { title = "M", content = "c", tags = new[] { "red", "blue" } });

        (await session.CallOkAsync("delete_tag", new { name = "red" })).GetProperty("deleted").GetBoolean().ShouldBeTrue();

        var id = memory.GetProperty("item").GetProperty("id").GetInt64();
        var tags = (await session.CallOkAsync("get_memory", new { id })).GetProperty("item").GetProperty("tags");
        tags.EnumerateArray().Select(tag => tag.GetString()).ShouldBe(["blue"]);
    }

    [Fact]
    public async Task DeleteTag_UnknownTag_ReportsNotFound()
    {
        await using var session = await McpTestSession.StartAsync();

        (await session.CallErrorAsync("delete_tag", new { name = "ghost" })).ShouldBe("tag 'ghost' was not found.");
    }

    [Fact]
    public async Task CreateProject_ReadOnlyKey_RejectsWithMissingScope()
    {
        await using var session = await McpTestSession.StartAsync(Identities.AliceReadOnly);

        (await session.CallErrorAsync("create_project", new { name = "X" })).ShouldContain($"'{AiMemoryScopes.Write}' scope");
        (await session.CallErrorAsync("delete_tag", new { name = "X" })).ShouldContain($"'{AiMemoryScopes.Write}' scope");
    }

    [Fact]
    public async Task Projects_TwoOwnersOnOneStore_SeeOnlyTheirOwn()
    {
        using var folder = new AiMemory.Testing.TemporaryDirectory();
        var path = folder.Combine("shared.db");
        await using var alice = await McpTestSession.StartAsync(databasePath: path);
        await using var bob = await McpTestSession.StartAsync(Identities.Bob, path);
        await alice.CallOkAsync("create_project", new { name = "Secret" });
        await alice.CallOkAsync("create_category", new { name = "Private" });
        await alice.CallOkAsync("store_memory", new { title = "M", content = "c", tags = new[] { "hidden" } });

        (await bob.CallOkAsync("list_projects")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await bob.CallOkAsync("list_categories")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await bob.CallOkAsync("list_tags")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await bob.CallErrorAsync("get_project", new { name = "Secret" })).ShouldBe("project named 'Secret' was not found.");
        (await bob.CallErrorAsync("delete_tag", new { name = "hidden" })).ShouldBe("tag 'hidden' was not found.");
    }

    private static IEnumerable<string?> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString());
}
