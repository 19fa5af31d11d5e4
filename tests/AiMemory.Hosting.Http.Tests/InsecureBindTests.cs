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

    [Fact]
    public async Task Start_PublicAddressWithoutAnyKey_Refused()
    {
        var exception = await Should.ThrowAsync<HostStartupException>(() => InProcessHost.StartAsync(new Dictionary<string, string?>
        {
            ["HOST"] = "0.0.0.0",
            ["USE_HTTPS"] = "true",
            ["SSL_KEY_PATH"] = "private-key.pem",
            ["SSL_CERT_PATH"] = "certificate.pem",
            ["API_KEY"] = null,
        }));

        exception.Message.ShouldContain("no API key exists");
        exception.Message.ShouldContain("Set API_KEY");
    }
}
