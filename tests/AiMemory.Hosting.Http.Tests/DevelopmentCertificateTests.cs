using System.Security.Cryptography.X509Certificates;
using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Testing;

namespace AiMemory.Hosting.Http.Tests;

public sealed class DevelopmentCertificateTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WritePemPair_NewFolder_WritesPairTheLoaderAccepts()
    {
        var (keyPath, certificatePath) = DevelopmentCertificate.WritePemPair(_directory.Combine("certs"));

        Path.GetFileName(keyPath).ShouldBe("private-key.pem");
        Path.GetFileName(certificatePath).ShouldBe("certificate.pem");
        using var certificate = PemCertificateLoader.Load(certificatePath, keyPath);
        certificate.HasPrivateKey.ShouldBeTrue();
    }

    [Fact]
    public void WritePemPair_NewFolder_KeyReadableByOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var (keyPath, _) = DevelopmentCertificate.WritePemPair(_directory.Path);

        File.GetUnixFileMode(keyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void Create_Certificate_CoversLoopbackNames()
    {
        using var certificate = DevelopmentCertificate.Create(TimeSpan.FromDays(1));

        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        names.EnumerateDnsNames().ShouldBe(["localhost"]);
        names.EnumerateIPAddresses().Select(address => address.ToString()).ShouldBe(["127.0.0.1", "::1"]);
        certificate.MatchesHostname("localhost").ShouldBeTrue();
    }

    [Fact]
    public void WritePemPair_ExistingFiles_RefusesToOverwrite()
    {
        DevelopmentCertificate.WritePemPair(_directory.Path);
        var before = File.ReadAllText(_directory.Combine("private-key.pem"));

        var exception = Should.Throw<IOException>(() => DevelopmentCertificate.WritePemPair(_directory.Path));

        exception.Message.ShouldContain("already exists");
        File.ReadAllText(_directory.Combine("private-key.pem")).ShouldBe(before);
    }

    [Fact]
    public void Run_WithoutOut_PrintsUsageAndReturnsTwo()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = DevCertificateCommand.Run([], output, error);

        exitCode.ShouldBe(2);
        error.ToString().ShouldContain("dev-cert --out DIR");
    }
}
