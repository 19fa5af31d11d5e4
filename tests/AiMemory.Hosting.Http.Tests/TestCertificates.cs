using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiMemory.Hosting.Http.Tests;

/// <summary>Writes PEM key and certificate pairs for tests, with RSA or EC keys.</summary>
internal static class TestCertificates
{
    public static (string KeyPath, string CertificatePath) WriteRsaPair(string directory, string prefix = "rsa")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddLoopbackNames(request);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
        return Write(directory, prefix, key.ExportRSAPrivateKeyPem(), certificate.ExportCertificatePem());
    }

    public static (string KeyPath, string CertificatePath) WriteEcPair(string directory, string prefix = "ec")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        AddLoopbackNames(request);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
        return Write(directory, prefix, key.ExportECPrivateKeyPem(), certificate.ExportCertificatePem());
    }

    private static void AddLoopbackNames(CertificateRequest request)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
    }

    private static (string, string) Write(string directory, string prefix, string keyPem, string certificatePem)
    {
        var keyPath = Path.Combine(directory, $"{prefix}-key.pem");
        var certificatePath = Path.Combine(directory, $"{prefix}-cert.pem");
        File.WriteAllText(keyPath, keyPem);
        File.WriteAllText(certificatePath, certificatePem);
        return (keyPath, certificatePath);
    }
}
