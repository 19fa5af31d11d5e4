namespace AiMemory.Hosting.Http.Tests;

/// <summary>The explicit override for a public address without TLS, on an in-process host that binds no socket.</summary>
public sealed class InsecureBindTests
{
    [Fact]
    public async Task Start_PublicAddressWithOverride_LogsWarning()
    {
        await using var host = await InProcessHost.StartAsync(new Dictionary<string, string?>
        {
            ["HOST"] = "0.0.0.0",
            ["AIMEMORY_ALLOW_INSECURE_BIND"] = "true",
        });

        var warning = host.Logs.Messages.Single(message => message.Contains("Insecure bind allowed", StringComparison.Ordinal));

        warning.ShouldStartWith("Warning");
        warning.ShouldContain("0.0.0.0:3000 without TLS");
    }

    [Fact]
    public async Task Start_LoopbackAddress_LogsNoWarning()
    {
        await using var host = await InProcessHost.StartAsync();

        host.Logs.Messages.ShouldNotContain(message => message.Contains("Insecure bind", StringComparison.Ordinal));
    }
}
