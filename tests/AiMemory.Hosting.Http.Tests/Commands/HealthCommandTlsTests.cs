using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Tests.Commands;

/// <summary>The health check calls a real HTTPS server on 127.0.0.1 and trusts only the certificate it is given.</summary>
public sealed class HealthCommandTlsTests : IAsyncLifetime, IDisposable
{
    private readonly CommandRunner _runner = new();
    private WebApplication? _server;
    private string _certificatePath = "";
    private int _port;

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificatePath = _runner.Combine("certificate.pem");
        await File.WriteAllTextAsync(_certificatePath, created.ExportCertificatePem());
        var serverCertificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(serverCertificate)));
        _server = builder.Build();
        _server.MapGet("/health", () => Results.Ok());
        _server.MapGet("/failing", () => Results.StatusCode(503));
        await _server.StartAsync();
        _port = new Uri(_server.Urls.First()).Port;
    }

    [Fact]
    public async Task Health_HttpsWithServerCertificate_ExitsZero()
    {
        var result = await _runner.RunAsync(
            "health", "--url", $"https://127.0.0.1:{_port}/health", "--ca-certificate", _certificatePath);

        result.ShouldSucceed();
    }

    [Fact]
    public async Task Health_HttpsUntrustedCertificate_ExitsOne()
    {
        var result = await _runner.RunAsync("health", "--url", $"https://127.0.0.1:{_port}/health");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("error:");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Health_ServerAnswersError_ExitsOneWithTheStatus()
    {
        var result = await _runner.RunAsync(
            "health", "--url", $"https://127.0.0.1:{_port}/failing", "--ca-certificate", _certificatePath);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("503");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _runner.Dispose();
}
