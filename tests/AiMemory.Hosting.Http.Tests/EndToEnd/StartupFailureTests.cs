using System.Net;
using System.Net.Sockets;
using AiMemory.Testing;

namespace AiMemory.Hosting.Http.Tests.EndToEnd;

/// <summary>The sample process does not start with a bad TLS pair or an unsafe bind, and prints the reason.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Start_MissingCertificateFile_ExitsNamingFile()
    {
        var (keyPath, _) = TestCertificates.WriteEcPair(_directory.Path);
        var missing = _directory.Combine("missing-certificate.pem");

        var (exitCode, output) = await RunUntilExitAsync(new()
        {
            ["USE_HTTPS"] = "true",
            ["SSL_KEY_PATH"] = keyPath,
            ["SSL_CERT_PATH"] = missing,
        });

        exitCode.ShouldBe(1);
        output.ShouldContain($"SSL_CERT_PATH file '{missing}' was not found.");
        output.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Start_MismatchedPair_ExitsNamingBothFiles()
    {
        var (keyPath, _) = TestCertificates.WriteRsaPair(_directory.Path, "one");
        var (_, certificatePath) = TestCertificates.WriteRsaPair(_directory.Path, "two");

        var (exitCode, output) = await RunUntilExitAsync(new()
        {
            ["USE_HTTPS"] = "true",
            ["SSL_KEY_PATH"] = keyPath,
            ["SSL_CERT_PATH"] = certificatePath,
        });

        exitCode.ShouldBe(1);
        output.ShouldContain($"SSL_KEY_PATH file '{keyPath}' does not hold the private key of the certificate in SSL_CERT_PATH file '{certificatePath}'");
    }

    [Fact]
    public async Task Start_PublicAddressWithoutTls_ExitsWithoutListening()
    {
        var (exitCode, output) = await RunUntilExitAsync(new() { ["HOST"] = "0.0.0.0", ["API_KEY"] = "a-key-for-this-test-0123456789abcdef" });

        exitCode.ShouldBe(1);
        output.ShouldContain("HOST 0.0.0.0 is not a loopback address, and USE_HTTPS is off");
        output.ShouldNotContain("Listening on");
    }

    [Fact]
    public async Task Start_PortInUse_ExitsNamingAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (exitCode, output) = await RunUntilExitAsync(new() { ["API_KEY"] = "a-key-for-this-test-0123456789abcdef" }, port);

        exitCode.ShouldBe(1);
        output.ShouldContain($"127.0.0.1:{port}: address already in use.");
        output.ShouldContain("set PORT to a free one");
        output.ShouldNotContain("   at ");
    }

    private async Task<(int ExitCode, string Output)> RunUntilExitAsync(Dictionary<string, string> environment, int? port = null)
    {
        await using var sample = SampleProcess.Start(_directory.Path, environment, port ?? SampleProcess.FreePort(), https: false);
        var exitCode = await sample.WaitForExitAsync(ExitTimeout);
        return (exitCode, sample.Output);
    }
}
