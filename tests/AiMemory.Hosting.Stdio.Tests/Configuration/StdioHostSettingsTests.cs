using AiMemory.Hosting.Stdio.Configuration;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace AiMemory.Hosting.Stdio.Tests.Configuration;

public sealed class StdioHostSettingsTests
{
    [Theory]
    [InlineData("error", LogEventLevel.Error)]
    [InlineData("warn", LogEventLevel.Warning)]
    [InlineData("WARNING", LogEventLevel.Warning)]
    [InlineData("info", LogEventLevel.Information)]
    [InlineData(" debug ", LogEventLevel.Debug)]
    [InlineData("trace", LogEventLevel.Verbose)]
    public void Read_LogLevel_MapsToSerilogLevel(string value, LogEventLevel expected)
    {
        StdioHostSettings.Read(Build(("LOG_LEVEL", value))).LogLevel.ShouldBe(expected);
    }

    [Fact]
    public void Read_Nothing_InfoAndNoFile()
    {
        var settings = StdioHostSettings.Read(Build());

        settings.LogLevel.ShouldBe(LogEventLevel.Information);
        settings.LogFile.ShouldBeNull();
    }

    [Fact]
    public void Read_FlatAndSection_FlatWins()
    {
        var settings = StdioHostSettings.Read(Build(
            ("LOG_LEVEL", "error"), ("AiMemory:LogLevel", "debug"), ("AiMemory:LogFile", "section.log")));

        settings.LogLevel.ShouldBe(LogEventLevel.Error);
        settings.LogFile.ShouldBe("section.log");
    }

    [Fact]
    public void Read_UnknownLevel_ThrowsNamingSetting()
    {
        var exception = Should.Throw<StdioStartupException>(() => StdioHostSettings.Read(Build(("LOG_LEVEL", "verbose!"))));

        exception.Message.ShouldBe("LOG_LEVEL value 'verbose!' is invalid: use error, warn, info, debug or trace.");
    }

    private static IConfiguration Build(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .Build();
}
