using System.Text;
using System.Text.Json;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>Raw bytes on the server's stdin and stdout: malformed lines, end of input and SIGTERM.</summary>
public sealed class ProtocolChannelTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw-test","version":"1.0"}}}""";

    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    [Fact]
    public async Task MalformedLines_GetErrors_ServerContinues()
    {
        using var environment = new ServerEnvironment();
        using var server = ServerProcess.Start(environment);
        await server.WriteLineAsync(Initialize);
        ReadId(await server.ReadLineAsync(s_timeout)).ShouldBe("1");
        await server.WriteLineAsync(Initialized);

        await server.WriteLineAsync("this is not json");
        var notJson = await ReadErrorAsync(server);
        await server.WriteAsync([0x7B, 0xFF, 0xFE, 0x7D, 0x0A]);
        var notUtf8 = await ReadErrorAsync(server);
        await server.WriteLineAsync("""[{"jsonrpc":"2.0","id":3,"method":"ping"}]""");
        var batch = await ReadErrorAsync(server);
        await server.WriteLineAsync("""{"jsonrpc":"1.0","id":"abc","method":"ping"}""");
        var wrongVersion = await ReadErrorAsync(server);
        await server.WriteLineAsync("""{"jsonrpc":"2.0","id":4,"method":"ping"}""");
        var ping = await server.ReadLineAsync(s_timeout);

        notJson.Code.ShouldBe(-32700);
        notJson.Id.ShouldBe("null");
        notUtf8.Code.ShouldBe(-32700);
        notUtf8.Message.ShouldContain("UTF-8");
        batch.Code.ShouldBe(-32600);
        wrongVersion.Code.ShouldBe(-32600);
        wrongVersion.Id.ShouldBe("\"abc\"");
        ReadId(ping).ShouldBe("4");
        server.StandardError.ShouldContain("Rejected a message on stdin with JSON-RPC error -32700");
    }

    [Fact]
    public async Task EndOfInput_AnswersPendingRequests_ExitsZero()
    {
        using var environment = new ServerEnvironment();
        using var server = ServerProcess.Start(environment);

        // Everything is written at once and stdin closed at once, as a client piping a script would.
        var script = string.Join('\n', Initialize, Initialized,
            """{"jsonrpc":"2.0","id":2,"method":"ping"}""", """{"jsonrpc":"2.0","id":3,"method":"tools/list"}""");
        await server.WriteAsync(Encoding.UTF8.GetBytes(script));
        server.CloseInput();
        var lines = new List<string>();
        while (await server.Output.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        var exitCode = await server.WaitForExitAsync(s_timeout);

        exitCode.ShouldBe(0);
        lines.Select(ReadId).Order().ShouldBe(["1", "2", "3"]);
        lines.ShouldAllBe(line => IsJsonRpcMessage(line));
    }

    [Fact]
    public async Task Sigterm_ExitsZero_LogFileComplete()
    {
        using var environment = new ServerEnvironment();
        var logFile = environment.Folder.Combine("logs/server.log");
        environment.With("LOG_FILE", logFile);
        using var server = ServerProcess.Start(environment);
        await server.WriteLineAsync(Initialize);
        ReadId(await server.ReadLineAsync(s_timeout)).ShouldBe("1");

        server.Terminate();
        var exitCode = await server.WaitForExitAsync(s_timeout);

        exitCode.ShouldBe(0);
        var writtenLog = Directory.GetFiles(environment.Folder.Combine("logs"), "server*.log").ShouldHaveSingleItem();
        var log = await File.ReadAllTextAsync(writtenLog);
        log.ShouldContain("AiMemory stdio server started");
        log.ShouldContain("AiMemory stdio server stopped");
        server.StandardError.ShouldContain("AiMemory stdio server stopped");
    }

    private static async Task<(int Code, string Message, string Id)> ReadErrorAsync(ServerProcess server)
    {
        var line = await server.ReadLineAsync(s_timeout);
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        root.GetProperty("jsonrpc").GetString().ShouldBe("2.0");
        var error = root.GetProperty("error");
        return (error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!, root.GetProperty("id").GetRawText());
    }

    private static string ReadId(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("id").GetRawText();
    }

    private static bool IsJsonRpcMessage(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("jsonrpc").GetString() == "2.0";
    }
}
