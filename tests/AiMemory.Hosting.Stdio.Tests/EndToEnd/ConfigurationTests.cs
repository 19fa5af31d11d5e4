namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>Settings from the environment and a <c>.env</c> file, as the server process reads them.</summary>
public sealed class ConfigurationTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task InvalidLogLevel_ExitsOne_NamesSetting()
    {
        using var environment = new ServerEnvironment().With("LOG_LEVEL", "loud");
        using var server = ServerProcess.Start(environment);

        var exitCode = await server.WaitForExitAsync(s_timeout);

        exitCode.ShouldBe(1);
        server.StandardError.ShouldContain("LOG_LEVEL value 'loud' is invalid: use error, warn, info, debug or trace.");
        (await server.Output.ReadToEndAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task DotEnvFile_IsRead()
    {
        using var environment = new ServerEnvironment();
        environment.WriteDotEnv("# settings for the stdio server\nLOG_LEVEL=loud\n");
        using var server = ServerProcess.Start(environment);

        var exitCode = await server.WaitForExitAsync(s_timeout);

        exitCode.ShouldBe(1);
        server.StandardError.ShouldContain("LOG_LEVEL value 'loud' is invalid");
    }

    [Fact]
    public async Task DotEnvFile_EnvironmentVariableWins()
    {
        using var environment = new ServerEnvironment().With("LOG_LEVEL", "debug");
        environment.WriteDotEnv("LOG_LEVEL=loud\n");

        await using var server = await StdioServer.StartAsync(environment);
        var tools = await server.Client.ListToolsAsync();

        tools.ShouldNotBeNull();
        server.StandardError.ShouldContain("[DBG]");
    }

    [Fact]
    public async Task LogFile_FromDotEnv_ReceivesLog()
    {
        using var environment = new ServerEnvironment();
        environment.WriteDotEnv("LOG_FILE=logs/aimemory.log\n");

        await using (var server = await StdioServer.StartAsync(environment))
        {
            await server.Client.ListToolsAsync();
        }

        // A relative LOG_FILE is resolved against the working directory; the file name carries the date.
        var logFile = Directory.GetFiles(Path.Combine(environment.WorkingDirectory, "logs"), "aimemory*.log").ShouldHaveSingleItem();
        Path.GetFileName(logFile).ShouldMatch(@"^aimemory\d{8}\.log$");
        (await ReadSharedAsync(logFile)).ShouldContain("AiMemory stdio server started");
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
