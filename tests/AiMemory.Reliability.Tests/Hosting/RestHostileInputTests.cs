using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AiMemory.Reliability.Tests.Support;

namespace AiMemory.Reliability.Tests.Hosting;

/// <summary>
/// Hostile request bodies sent to the REST API of the HTTPS sample process: each gets a 4xx with a message, never a
/// 5xx, and the stored memories and tasks are exactly as before.
/// </summary>
public sealed class RestHostileInputTests : IAsyncLifetime
{
    private HttpsSample _sample = null!;
    private HttpClient _client = null!;

    public static TheoryData<string, string, byte[]> RejectedBodies()
    {
        var data = new TheoryData<string, string, byte[]>();
        void Add(string name, string path, string json) => data.Add(name, path, Encoding.UTF8.GetBytes(json));

        data.Add("invalid UTF-8 in a string", "/api/memory/store", [.. """{"title":"t","content":"ab"""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);
        Add("lone surrogate escape", "/api/memory/store", """{"title":"t","content":"a\ud800b"}""");
        Add("JSON nested 2000 deep", "/api/memory/store", """{"title":"t","content":"c","tags":""" + new string('[', 2000) + new string(']', 2000) + "}");
        Add("100000 tags", "/api/memory/store",
            """{"title":"t","content":"c","tags":[""" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"t{i}\"")) + "]}");
        Add("content over the length limit", "/api/memory/store", $$"""{"title":"t","content":"{{new string('a', 300_000)}}"}""");
        Add("priority above the range", "/api/memory/store", """{"title":"t","content":"c","priority":99}""");
        Add("priority overflowing a double", "/api/memory/store", """{"title":"t","content":"c","priority":1e400}""");
        Add("title as a number", "/api/memory/store", """{"title":123,"content":"c"}""");
        Add("tags as a string", "/api/memory/store", """{"title":"t","content":"c","tags":"ops"}""");
        Add("missing content", "/api/memory/store", """{"title":"t"}""");
        Add("body that is not JSON", "/api/memory/store", "title=t&content=c");
        Add("truncated JSON", "/api/memory/store", """{"title":"t","content":""");
        Add("impossible due date", "/api/task/store", """{"title":"t","dueAt":"2026-13-45T00:00:00Z"}""");
        Add("due date in words", "/api/task/store", """{"title":"t","dueAt":"tomorrow"}""");
        Add("unknown task status", "/api/task/store", """{"title":"t","status":"done'; DROP TABLE tasks; --"}""");
        return data;
    }

    public async Task InitializeAsync()
    {
        _sample = await HttpsSample.StartAsync(databaseUrl: null);
        _client = _sample.CreateClient();
        using var seed = await _client.SendAsync(HttpsSample.Send(
            HttpMethod.Post, "/api/memory/store", """{"title":"Seed","content":"Every case must leave this alone.","tags":["keep"]}"""));
        ((int)seed.StatusCode).ShouldBeInRange(200, 201);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sample.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(RejectedBodies))]
    public async Task Post_HostileBody_Returns4xxAndStoreUnchanged(string caseName, string path, byte[] body)
    {
        var before = await SnapshotAsync();
        using var request = HttpsSample.Send(HttpMethod.Post, path);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        ((int)response.StatusCode).ShouldBeInRange(400, 499, $"{caseName}: {text}");
        text.ShouldNotBeNullOrWhiteSpace(caseName);
        text.ShouldNotContain("   at ", Case.Sensitive, caseName);
        (await SnapshotAsync()).ShouldBe(before, $"{caseName} changed the store");
    }

    [Fact]
    public async Task Post_UnknownField_Returns400()
    {
        var before = await SnapshotAsync();

        using var response = await _client.SendAsync(HttpsSample.Send(
            HttpMethod.Post, "/api/memory/store", """{"title":"t","content":"c","owner":"bob"}"""));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        body.ShouldContain("unknown field at $.owner");
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("'; DROP TABLE memories; --")]
    [InlineData("\"unbalanced")]
    [InlineData("foo:bar AND -x* NEAR(a b)")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("%_\\")]
    public async Task Search_OperatorCharacters_Returns200(string query)
    {
        using var response = await _client.SendAsync(HttpsSample.Send(
            HttpMethod.Post, "/api/memory/search", System.Text.Json.JsonSerializer.Serialize(new { query })));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> SnapshotAsync()
    {
        using var memories = await _client.SendAsync(HttpsSample.Send(HttpMethod.Get, "/api/memory/list?limit=100"));
        using var tasks = await _client.SendAsync(HttpsSample.Send(HttpMethod.Get, "/api/task/list?limit=100"));
        memories.StatusCode.ShouldBe(HttpStatusCode.OK);
        tasks.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await memories.Content.ReadAsStringAsync() + await tasks.Content.ReadAsStringAsync();
    }
}
