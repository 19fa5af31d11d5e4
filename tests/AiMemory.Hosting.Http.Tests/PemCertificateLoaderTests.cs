using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Testing;

namespace AiMemory.Hosting.Http.Tests;

public sealed class PemCertificateLoaderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Load_RsaPair_ReturnsCertificateWithPrivateKey()
    {
        var (keyPath, certificatePath) = TestCertificates.WriteRsaPair(_directory.Path);

        using var certificate = PemCertificateLoader.Load(certificatePath, keyPath);

        certificate.HasPrivateKey.ShouldBeTrue();
        certificate.Subject.ShouldBe("CN=localhost");
    }

    [Fact]
    public void Load_EcPair_ReturnsCertificateWithPrivateKey()
    {
        var (keyPath, certificatePath) = TestCertificates.WriteEcPair(_directory.Path);

        using var certificate = PemCertificateLoader.Load(certificatePath, keyPath);

        certificate.HasPrivateKey.ShouldBeTrue();
    }

    [Fact]
    public void Load_MissingCertificate_NamesFileAndSetting()
    {
        var (keyPath, _) = TestCertificates.WriteEcPair(_directory.Path);
        var missing = _directory.Combine("absent-cert.pem");

        var exception = Should.Throw<HostStartupException>(() => PemCertificateLoader.Load(missing, keyPath));

        exception.Message.ShouldContain("SSL_CERT_PATH");
        exception.Message.ShouldContain(missing);
        exception.Message.ShouldContain("not found");
    }

    [Fact]
    public void Load_MissingKey_NamesFileAndSetting()
    {
        var (_, certificatePath) = TestCertificates.WriteEcPair(_directory.Path);
        var missing = _directory.Combine("absent-key.pem");

        var exception = Should.Throw<HostStartupException>(() => PemCertificateLoader.Load(certificatePath, missing));

        exception.Message.ShouldContain("SSL_KEY_PATH");
        exception.Message.ShouldContain(missing);
    }

    [Fact]
    public void Load_MismatchedPair_NamesBothFiles()
    {
        var (keyPath, _) = TestCertificates.WriteEcPair(_directory.Path, "first");
        var (_, otherCertificatePath) = TestCertificates.WriteEcPair(_directory.Path, "second");

        var exception = Should.Throw<HostStartupException>(() => PemCertificateLoader.Load(otherCertificatePath, keyPath));

        exception.Message.ShouldContain(keyPath);
        exception.Message.ShouldContain(otherCertificatePath);
        exception.Message.ShouldContain("does not hold the private key");
    }

    [Fact]
    public void Load_KeyFileWithoutPem_NamesKeyFile()
    {
        var (_, certificatePath) = TestCertificates.WriteEcPair(_directory.Path);
        var garbage = _directory.Combine("garbage.pem");
        File.WriteAllText(garbage, "not a key");

        var exception = Should.Throw<HostStartupException>(() => PemCertificateLoader.Load(certificatePath, garbage));

        exception.Message.ShouldContain("SSL_KEY_PATH");
        exception.Message.ShouldContain(garbage);
        exception.Message.ShouldContain("does not contain a PEM private key");
    }

    [Fact]
    public void Load_KeyAndCertificateSwapped_NamesCertificateSetting()
    {
        var (keyPath, certificatePath) = TestCertificates.WriteEcPair(_directory.Path);

        var exception = Should.Throw<HostStartupException>(() => PemCertificateLoader.Load(keyPath, certificatePath));

        exception.Message.ShouldContain("SSL_CERT_PATH");
        exception.Message.ShouldContain(keyPath);
    }
}
