using System.Text.Json;
using AiMemory.Reliability.Tests.Support;
using CsCheck;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiMemory.Reliability.Tests.HostileInput;

/// <summary>
/// Generated tool arguments sent through a real MCP client: every call ends in a result or a clear refusal, the
/// server keeps answering, and no banned character reaches the store.
/// </summary>
public sealed class McpToolFuzzTests : IAsyncLifetime
{
    private static readonly string[] Tools =
        ["store_memory", "update_memory", "search_memories", "list_memories", "get_memory", "create_task", "list_tasks", "create_project"];

    private static readonly string[] KnownArguments =
        ["id", "version", "title", "content", "query", "tags", "priority", "project", "category", "status", "dueAt", "name", "limit", "cursor"];

    // Characters the sanitiser must never let through: NUL, ESC, C1, bidi override and isolate, zero-width space,
    // a Unicode tag character and lone surrogates.
    private static readonly string[] BannedInStore = ["\0", "\u001b", "\u0085", "\u202e", "\u2066", "\u200b", "\U000E0041"];

    private McpWireSession _session = null!;
    private McpClient _client = null!;
    private IAsyncDisposable _server = null!;

    public async Task InitializeAsync()
    {
        _session = await McpWireSession.StartAsync();
        (_client, _server) = await _session.ConnectClientAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _session.DisposeAsync();
    }

    [Fact]
    public async Task ToolCall_GeneratedArguments_ResultOrClearRefusal()
    {
        var text = Gen.OneOf(
            Gen.String,
            Gen.Char.Array[0, 40].Select(chars => new string(chars)),
            Gen.OneOfConst("", "'; DROP TABLE memories; --", "\"a\" OR 1=1", "2026-02-30T25:61:00Z", "\u202e\u0000\u001b[31m", "\ud800", "NEAR(a b) AND -c*"));
        var value = Gen.OneOf<object?>(
            text.Select(item => (object?)item),
            Gen.Long.Select(item => (object?)item),
            Gen.Int[-3, 8].Select(item => (object?)item),
            Gen.Double.Select(item => (object?)(double.IsFinite(item) ? item : 0.5)),
            Gen.Bool.Select(item => (object?)item),
            Gen.Bool.Select(_ => (object?)null),
            text.Array[0, 6].Select(item => (object?)item));
        var name = Gen.OneOf(Gen.OneOfConst(KnownArguments), Gen.String[1, 12]);
        var arguments = Gen.Dictionary(name, value)[0, 6];
        var calls = Gen.Select(Gen.OneOfConst(Tools), arguments);
        var answered = 0;

        await calls.SampleAsync(async (tool, generated) =>
        {
            var outcome = await CallAsync(tool, generated);
            if (outcome.IsError)
            {
                outcome.ShouldBeClearRefusal($"{tool} {JsonSerializer.Serialize(generated)}");
            }

            answered++;
        }, iter: ReliabilitySettings.FuzzIterations, threads: 1);

        answered.ShouldBe(ReliabilitySettings.FuzzIterations);
        (await CallAsync("list_memories", new Dictionary<string, object?>())).IsError.ShouldBeFalse("the server stopped answering");
        var export = await _session.Store.ForOwner(McpWireSession.Caller.Owner).ExportAsync();
        var storedText = export.Memories.SelectMany(memory => new[] { memory.Title, memory.Content }.Concat(memory.Tags))
            .Concat(export.Tasks.Select(task => task.Title))
            .Concat(export.Projects.Select(project => project.Name));
        foreach (var stored in storedText)
        {
            BannedInStore.Where(banned => stored.Contains(banned, StringComparison.Ordinal)).ShouldBeEmpty($"stored text {stored}");
            stored.Any(char.IsSurrogate).ShouldBe(stored.EnumerateRunes().Any(rune => rune.Utf16SequenceLength == 2), $"lone surrogate in {stored}");
        }
    }

    [Theory]
    [InlineData("ANSI colour", "red \u001b[31mtext\u001b[0m")]
    [InlineData("right-to-left override", "invoice \u202Etxt.exe")]
    [InlineData("bidi isolate", "a\u2066b\u2069c")]
    [InlineData("zero-width space", "pass\u200Bword")]
    [InlineData("Unicode tag characters", "hi\U000E0049\U000E0047\U000E004E")]
    [InlineData("C1 control", "a\u0085b\u009Bc")]
    [InlineData("NUL", "a\u0000b")]
    public async Task StoreMemory_BannedCharacters_RemovedOrRejected(string caseName, string content)
    {
        var outcome = await _client.CallToolAsync("store_memory", new Dictionary<string, object?> { ["title"] = caseName, ["content"] = content });

        if (outcome.IsError == true)
        {
            new McpOutcome(true, Text(outcome)).ShouldBeClearRefusal(caseName);
            return;
        }

        var item = outcome.StructuredContent!.Value.GetProperty("item");
        var stored = item.GetProperty("content").GetString()!;
        BannedInStore.Where(banned => stored.Contains(banned, StringComparison.Ordinal)).ShouldBeEmpty(caseName);
        stored.ShouldNotContain("\u009B");
        stored.ShouldNotContain("\u2069");
        outcome.StructuredContent.Value.GetProperty("sanitized").GetArrayLength().ShouldBeGreaterThan(0, $"{caseName} changed silently");
    }

    [Theory]
    [InlineData("family emoji", "👨‍👩‍👧‍👦 and ❤️ and 🏳️‍🌈")]
    [InlineData("CJK", "数据库の設計를 검토")]
    [InlineData("Arabic and Hebrew", "مرحبا بالعالم שלום עולם")]
    [InlineData("code", "if (a < b && c > d) { return \"x\\n\"; } // <script>alert(1)</script>")]
    [InlineData("SQL text", "SELECT * FROM memories WHERE owner = 'x'; -- comment")]
    public async Task StoreMemory_LegitimateText_RoundTripsExactly(string caseName, string content)
    {
        var stored = await _client.CallToolAsync("store_memory", new Dictionary<string, object?> { ["title"] = caseName, ["content"] = content });
        stored.IsError.ShouldNotBe(true, Text(stored));
        var id = stored.StructuredContent!.Value.GetProperty("item").GetProperty("id").GetInt64();

        var read = await _client.CallToolAsync("get_memory", new Dictionary<string, object?> { ["id"] = id });

        read.StructuredContent!.Value.GetProperty("item").GetProperty("content").GetString().ShouldBe(content);
        stored.StructuredContent.Value.GetProperty("sanitized").GetArrayLength().ShouldBe(0);
    }

    private async Task<McpOutcome> CallAsync(string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        try
        {
            var result = await _client.CallToolAsync(tool, arguments);
            return new McpOutcome(result.IsError == true, Text(result));
        }
        catch (McpException exception)
        {
            return new McpOutcome(true, exception.Message);
        }
    }

    private static string Text(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
