using System.IO.Pipelines;
using System.Text;
using AiMemory.Hosting.Stdio.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Hosting.Stdio.Tests.Transport;

public sealed class GuardedInputStreamTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Read_MixedLines_ForwardsOnlyMessages()
    {
        var input = string.Join('\n',
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            "",
            "garbage",
            """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{}}""",
            "[1]",
            """{"jsonrpc":"2.0","method":"notifications/progress"}""");
        var stdout = new MemoryStream();
        using var guarded = Create(new MemoryStream(Encoding.UTF8.GetBytes(input)), stdout, new OutstandingRequests());

        var forwarded = await ReadAllLinesAsync(guarded);

        forwarded.ShouldBe([
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{}}""",
            """{"jsonrpc":"2.0","method":"notifications/progress"}""",
        ]);
        var replies = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        replies.Length.ShouldBe(2);
        replies[0].ShouldContain("\"code\":-32700");
        replies[1].ShouldContain("\"code\":-32600");
    }

    [Fact]
    public async Task Read_LineSplitAcrossReads_ForwardsItWhole()
    {
        var pipe = new Pipe();
        var stdout = new MemoryStream();
        using var guarded = Create(pipe.Reader.AsStream(), stdout, new OutstandingRequests());
        var reader = new StreamReader(guarded);

        var pending = reader.ReadLineAsync();
        await pipe.Writer.WriteAsync("""{"jsonrpc":"2.0","me"""u8.ToArray());
        await pipe.Writer.WriteAsync("""thod":"notifications/initialized"}"""u8.ToArray());
        await pipe.Writer.WriteAsync("\n"u8.ToArray());

        (await pending.WaitAsync(s_timeout)).ShouldBe("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
    }

    [Fact]
    public async Task Read_LineOverLimit_AnswersAndGoesOn()
    {
        var longLine = """{"jsonrpc":"2.0","method":"x","params":{"text":" """ + new string('a', 5000) + "\"}}";
        var input = longLine + "\n" + """{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n";
        var stdout = new MemoryStream();
        using var guarded = Create(new MemoryStream(Encoding.UTF8.GetBytes(input)), stdout, new OutstandingRequests(), maxMessageBytes: 1024);

        var forwarded = await ReadAllLinesAsync(guarded);

        forwarded.ShouldBe([ """{"jsonrpc":"2.0","method":"notifications/initialized"}""" ]);
        Encoding.UTF8.GetString(stdout.ToArray())
            .ShouldContain("Invalid Request: the message is longer than the limit of 1024 bytes.");
    }

    [Fact]
    public async Task Read_EndOfInput_WaitsForOutstandingResponses()
    {
        // The fake clock never moves, so the drain cannot time out: only the response can end the wait.
        var time = new FakeTimeProvider();
        var outstanding = new OutstandingRequests();
        var stdout = new MemoryStream();
        var output = new ProtocolOutputStream(stdout, outstanding);
        var input = new MemoryStream("""{"jsonrpc":"2.0","id":1,"method":"ping"}"""u8.ToArray());
        using var guarded = new GuardedInputStream(input, output, outstanding, NullLogger.Instance, time);
        var reader = new StreamReader(guarded);
        (await reader.ReadLineAsync()).ShouldNotBeNull();

        var end = reader.ReadLineAsync();
        var waiting = outstanding.Count;
        await output.WriteAsync("""{"result":{},"id":1,"jsonrpc":"2.0"}"""u8.ToArray());
        await output.WriteAsync("\n"u8.ToArray());

        waiting.ShouldBe(1);
        (await end.WaitAsync(s_timeout)).ShouldBeNull();
        outstanding.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Read_EndOfInput_DrainTimesOut()
    {
        var time = new FakeTimeProvider();
        var outstanding = new OutstandingRequests();
        var output = new ProtocolOutputStream(new MemoryStream(), outstanding);
        var input = new MemoryStream("""{"jsonrpc":"2.0","id":1,"method":"tools/call"}"""u8.ToArray());
        using var guarded = new GuardedInputStream(input, output, outstanding, NullLogger.Instance, time);
        var reader = new StreamReader(guarded);
        (await reader.ReadLineAsync()).ShouldNotBeNull();

        var end = reader.ReadLineAsync();
        while (!end.IsCompleted)
        {
            time.Advance(GuardedInputStream.DrainTimeout);
            await Task.Yield();
        }

        (await end).ShouldBeNull();
        outstanding.Count.ShouldBe(1);
    }

    private static GuardedInputStream Create(Stream stdin, Stream stdout, OutstandingRequests outstanding, int maxMessageBytes = 4096) =>
        new(stdin, new ProtocolOutputStream(stdout, outstanding), outstanding, NullLogger.Instance, maxMessageBytes: maxMessageBytes);

    private static async Task<List<string>> ReadAllLinesAsync(Stream stream)
    {
        var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
