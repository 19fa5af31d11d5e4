using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiMemory.Security;
using AiMemory.Security.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>The REST routes over a real SQLite store: round trips, validation, conflicts, scopes and owners.</summary>
public sealed class RestApiTests : IAsyncLifetime
{
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Memory_StoreGetListSearchUpdateDelete_RoundTrips()
    {
        var stored = await SendJsonAsync(HttpMethod.Post, "/api/memory/store", new
        {
            title = "Deploy notes",
            content = "connection_string = x; use <script> tags only in docs 👩‍💻 数据库",
            tags = new[] { "ops" },
            priority = 4,
        }, HttpStatusCode.Created);
        var id = stored["id"]!.GetValue<long>();
        stored["content"]!.GetValue<string>().ShouldBe("connection_string = x; use <script> tags only in docs 👩‍💻 数据库");
        stored["version"]!.GetValue<int>().ShouldBe(1);

        var fetched = await SendJsonAsync(HttpMethod.Get, $"/api/memory/{id}", null, HttpStatusCode.OK);
        fetched["title"]!.GetValue<string>().ShouldBe("Deploy notes");

        var list = await SendJsonAsync(HttpMethod.Get, "/api/memory/list?limit=10", null, HttpStatusCode.OK);
        list["items"]!.AsArray().Select(item => item!["id"]!.GetValue<long>()).ShouldContain(id);

        var search = await SendJsonAsync(HttpMethod.Post, "/api/memory/search", new { query = "deploy" }, HttpStatusCode.OK);
        search["items"]!.AsArray().Select(hit => hit!["memory"]!["id"]!.GetValue<long>()).ShouldContain(id);

        var updated = await SendJsonAsync(HttpMethod.Put, $"/api/memory/{id}", new { version = 1, title = "Deploy notes v2" }, HttpStatusCode.OK);
        updated["version"]!.GetValue<int>().ShouldBe(2);

        using (var deleted = await _host.SendAsync(HttpMethod.Delete, $"/api/memory/{id}"))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var missing = await SendJsonAsync(HttpMethod.Get, $"/api/memory/{id}", null, HttpStatusCode.NotFound);
        missing["title"]!.GetValue<string>().ShouldBe("Not found");
    }

    [Fact]
    public async Task Memory_StaleVersion_Returns409WithCurrentVersion()
    {
        var stored = await SendJsonAsync(HttpMethod.Post, "/api/memory/store", new { title = "t", content = "c" }, HttpStatusCode.Created);
        var id = stored["id"]!.GetValue<long>();
        await SendJsonAsync(HttpMethod.Put, $"/api/memory/{id}", new { version = 1, content = "first" }, HttpStatusCode.OK);

        var conflict = await SendJsonAsync(HttpMethod.Put, $"/api/memory/{id}", new { version = 1, content = "second" }, HttpStatusCode.Conflict);

        conflict["currentVersion"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task Memory_TitleOverLimit_Returns400NamingFieldAndLimit()
    {
        var problem = await SendJsonAsync(HttpMethod.Post, "/api/memory/store", new { title = new string('a', 201), content = "c" }, HttpStatusCode.BadRequest);

        problem["field"]!.GetValue<string>().ShouldBe("title");
        problem["detail"]!.GetValue<string>().ShouldContain("200");
    }

    [Fact]
    public async Task Memory_MissingContent_Returns400NamingField()
    {
        var problem = await SendJsonAsync(HttpMethod.Post, "/api/memory/store", new { title = "t" }, HttpStatusCode.BadRequest);

        problem["field"]!.GetValue<string>().ShouldBe("content");
        problem["detail"]!.GetValue<string>().ShouldBe("content is required and must not be empty.");
    }

    [Fact]
    public async Task Memory_MalformedJson_Returns400WithoutStackTrace()
    {
        using var response = await _host.SendAsync(HttpMethod.Post, "/api/memory/store", new StringContent("{\"title\": 5", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("not valid JSON");
        body.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task List_LimitOverMaximum_Returns400NamingLimit()
    {
        var problem = await SendJsonAsync(HttpMethod.Get, "/api/memory/list?limit=1000", null, HttpStatusCode.BadRequest);

        problem["detail"]!.GetValue<string>().ShouldBe("limit must be from 1 to 100; it was 1000.");
    }

    [Fact]
    public async Task Memory_BidiOverride_RemovedBySanitiser()
    {
        var stored = await SendJsonAsync(HttpMethod.Post, "/api/memory/store", new { title = "a\u202Eb", content = "x\u0000y" }, HttpStatusCode.Created);

        stored["title"]!.GetValue<string>().ShouldBe("ab");
        stored["content"]!.GetValue<string>().ShouldBe("xy");
    }

    [Fact]
    public async Task Task_StoreAndList_RoundTrips()
    {
        var stored = await SendJsonAsync(HttpMethod.Post, "/api/task/store", new { title = "Write tests", status = "in_progress" }, HttpStatusCode.Created);
        stored["status"]!.GetValue<string>().ShouldBe("in_progress");

        var list = await SendJsonAsync(HttpMethod.Get, "/api/task/list?status=in_progress", null, HttpStatusCode.OK);

        list["items"]!.AsArray().Select(item => item!["title"]!.GetValue<string>()).ShouldContain("Write tests");
    }

    [Fact]
    public async Task Project_StoreAndGet_RoundTrips()
    {
        var stored = await SendJsonAsync(HttpMethod.Post, "/api/project/store", new { name = "Apollo", color = "#3366ff" }, HttpStatusCode.Created);

        var fetched = await SendJsonAsync(HttpMethod.Get, $"/api/project/{stored["id"]}", null, HttpStatusCode.OK);

        fetched["name"]!.GetValue<string>().ShouldBe("Apollo");
    }

    [Fact]
    public async Task Instruction_OrdinaryKey_WriteRefusedReadAllowed()
    {
        var administration = _host.Services.GetRequiredService<ApiKeyAdministration>();
        var ordinary = await administration.CreateAsync("default", "ordinary", AiMemoryScopes.ReadWrite);

        var refused = await SendJsonAsync(HttpMethod.Post, "/api/instruction/store", new { title = "t", content = "c" }, HttpStatusCode.Forbidden, ordinary.Key);
        refused["requiredScope"]!.GetValue<string>().ShouldBe(AiMemoryScopes.WriteInstructions);

        await SendJsonAsync(HttpMethod.Get, "/api/instruction/list", null, HttpStatusCode.OK, ordinary.Key);
        await SendJsonAsync(HttpMethod.Post, "/api/instruction/store", new { title = "t", content = "c" }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Memory_OtherOwner_NotVisible()
    {
        var administration = _host.Services.GetRequiredService<ApiKeyAdministration>();
        var other = await administration.CreateAsync("someone-else", "other owner", AiMemoryScopes.ReadWrite);
        var stored = await SendJsonAsync(HttpMethod.Post, "/api/memory/store", new { title = "private", content = "c" }, HttpStatusCode.Created);

        await SendJsonAsync(HttpMethod.Get, $"/api/memory/{stored["id"]}", null, HttpStatusCode.NotFound, other.Key);
        var list = await SendJsonAsync(HttpMethod.Get, "/api/memory/list", null, HttpStatusCode.OK, other.Key);
        list["items"]!.AsArray().Count.ShouldBe(0);
    }

    private async Task<JsonObject> SendJsonAsync(HttpMethod method, string path, object? body, HttpStatusCode expected, string key = InProcessHost.BootstrapKey)
    {
        using var response = await _host.SendAsync(method, path, body is null ? null : JsonContent.Create(body), key);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!.AsObject();
    }
}
