using System.Text;
using AiMemory.Reliability.Tests.Support;

namespace AiMemory.Reliability.Tests.HostileInput;

/// <summary>
/// Hostile tool arguments sent as raw bytes over the MCP wire. Each one must be refused with a clear message, the
/// server must keep answering, and the owner's data must be exactly as before.
/// </summary>
public sealed class McpHostileInputTests : IAsyncLifetime
{
    private McpWireSession _session = null!;
    private long _memoryId;

    public static TheoryData<string, string, byte[]> RejectedArguments()
    {
        var data = new TheoryData<string, string, byte[]>();
        void Add(string name, string tool, string json) => data.Add(name, tool, Encoding.UTF8.GetBytes(json));

        Add("lone high surrogate escape", "store_memory", """{"title":"t","content":"a\ud800b"}""");
        Add("lone low surrogate escape", "store_memory", """{"title":"\udc00","content":"c"}""");
        Add("JSON nested 2000 deep", "store_memory",
            """{"title":"t","content":"c","tags":""" + new string('[', 2000) + new string(']', 2000) + "}");
        Add("JSON nested 40 deep where a string belongs", "store_memory",
            """{"title":"t","content":""" + string.Concat(Enumerable.Repeat("""{"a":""", 40)) + "1" + new string('}', 41));
        Add("100000 tags", "store_memory",
            """{"title":"t","content":"c","tags":[""" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"t{i}\"")) + "]}");
        Add("content over the length limit", "store_memory", $$"""{"title":"t","content":"{{new string('a', 300_000)}}"}""");
        Add("title over the length limit", "store_memory", $$"""{"title":"{{new string('t', 5_000)}}","content":"c"}""");
        Add("tag over the length limit", "store_memory", $$"""{"title":"t","content":"c","tags":["{{new string('g', 5_000)}}"]}""");
        Add("priority above the range", "store_memory", """{"title":"t","content":"c","priority":99}""");
        Add("priority below the range", "store_memory", """{"title":"t","content":"c","priority":-2147483649}""");
        Add("priority overflowing a double", "store_memory", """{"title":"t","content":"c","priority":1e400}""");
        Add("fractional priority", "store_memory", """{"title":"t","content":"c","priority":2.5}""");
        Add("id of zero", "get_memory", """{"id":0}""");
        Add("id beyond 64 bits", "get_memory", """{"id":123456789012345678901234567890}""");
        Add("id as a string", "get_memory", """{"id":"1"}""");
        Add("title as a number", "store_memory", """{"title":123,"content":"c"}""");
        Add("tags as a string", "store_memory", """{"title":"t","content":"c","tags":"ops"}""");
        Add("tags holding numbers", "store_memory", """{"title":"t","content":"c","tags":[1,2]}""");
        Add("content as null", "store_memory", """{"title":"t","content":null}""");
        Add("arguments as an array", "store_memory", """["t","c"]""");
        Add("missing content", "store_memory", """{"title":"t"}""");
        Add("empty title", "store_memory", """{"title":"","content":"c"}""");
        Add("unknown field", "store_memory", """{"title":"t","content":"c","colour":"red"}""");
        Add("owner as an argument", "store_memory", """{"title":"t","content":"c","owner":"bob"}""");
        Add("impossible due date", "create_task", """{"title":"t","dueAt":"2026-13-45T00:00:00Z"}""");
        Add("due date in words", "create_task", """{"title":"t","dueAt":"tomorrow"}""");
        Add("empty due date", "create_task", """{"title":"t","dueAt":""}""");
        Add("due date as a number", "create_task", """{"title":"t","dueAt":1767225600}""");
        Add("unknown task status", "create_task", """{"title":"t","status":"done'; DROP TABLE tasks; --"}""");
        Add("stale version", "update_memory", """{"id":1,"version":7,"content":"c"}""");
        Add("unknown tool", "drop_database", """{}""");
        return data;
    }

    public async Task InitializeAsync()
    {
        _session = await McpWireSession.StartAsync();
        var memory = await _session.Store.ForOwner(McpWireSession.Caller.Owner).Memories.CreateAsync(
            new("Seed", "The record every case must leave alone.", Project: "seed", Tags: ["keep"]));
        _memoryId = memory.Id;
    }

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Theory]
    [MemberData(nameof(RejectedArguments))]
    public async Task ToolCall_HostileArguments_RejectedStoreUnchanged(string caseName, string tool, byte[] arguments)
    {
        var before = await _session.ExportAsync();

        var response = await _session.CallRawAsync(tool, arguments);

        response.ShouldNotBeNull($"{caseName}: the server did not answer");
        McpOutcome.From(response.Value).ShouldBeClearRefusal(caseName);
        (await _session.ExportAsync()).ShouldBe(before, $"{caseName} changed the store");
        var next = await _session.CallRawAsync("get_memory", Encoding.UTF8.GetBytes($$"""{"id":{{_memoryId}}}"""));
        next.ShouldNotBeNull($"the server stopped answering after {caseName}");
        McpOutcome.From(next.Value).IsError.ShouldBeFalse($"the server failed a valid call after {caseName}");
    }

    // NOTE: the MCP SDK's stream transport (2.4.0) decodes each line with replacement characters, so invalid UTF-8
    // is stored as U+FFFD instead of being rejected. The stdio transport reads its input the same way.
    [Fact(Skip = "Invalid UTF-8 on the MCP stream wire is stored as U+FFFD instead of being rejected.")]
    public async Task ToolCall_InvalidUtf8_RejectedStoreUnchanged()
    {
        var before = await _session.ExportAsync();

        var response = await _session.CallRawAsync("store_memory", [.. """{"title":"t","content":"ab"""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]);

        response.ShouldNotBeNull("the server did not answer");
        McpOutcome.From(response.Value).ShouldBeClearRefusal("invalid UTF-8 in a string");
        (await _session.ExportAsync()).ShouldBe(before);
    }

    [Theory]
    [InlineData("'; DROP TABLE memories; --")]
    [InlineData("\"unbalanced")]
    [InlineData("foo:bar")]
    [InlineData("a OR")]
    [InlineData("AND")]
    [InlineData("NOT NEAR(a b)")]
    [InlineData("c++ -x *")]
    [InlineData("tier1-test AND unicode")]
    [InlineData("%_\\")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("{}[]()^~")]
    public async Task SearchMemories_OperatorCharacters_AnswersWithoutError(string query)
    {
        var before = await _session.ExportAsync();

        var response = await _session.CallRawAsync(
            "search_memories", Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { query })));

        response.ShouldNotBeNull();
        var outcome = McpOutcome.From(response.Value);
        outcome.IsError.ShouldBeFalse($"search for {query} failed: {outcome.Message}");
        (await _session.ExportAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Wire_UnparsableMessage_ServerKeepsAnswering()
    {
        var id = _session.NextId();
        await _session.SendAndReadAsync("{\"jsonrpc\":\"2.0\",\"id\":"u8.ToArray(), id);

        var next = await _session.CallRawAsync("get_memory", Encoding.UTF8.GetBytes($$"""{"id":{{_memoryId}}}"""));

        next.ShouldNotBeNull("the server stopped answering after a broken message");
        McpOutcome.From(next.Value).IsError.ShouldBeFalse();
    }
}
