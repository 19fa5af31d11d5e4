using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiMemory.Hosting.Http.Kestrel;

/// <summary>
/// Creates a self-signed certificate for local development, valid for <c>localhost</c>, <c>127.0.0.1</c> and
/// <c>::1</c>, and writes it as the PEM pair the host reads (<c>private-key.pem</c>, <c>certificate.pem</c>).
/// </summary>
public static class DevelopmentCertificate
{
    /// <summary>The file name of the private key.</summary>
    public const string KeyFileName = "private-key.pem";

    /// <summary>The file name of the certificate.</summary>
    public const string CertificateFileName = "certificate.pem";

    /// <summary>Creates the certificate with an ECDSA P-256 key, valid from one hour ago for <paramref name="validity"/>.</summary>
    public static X509Certificate2 Create(TimeSpan validity, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return request.CreateSelfSigned(now.AddHours(-1), now.Add(validity));
    }

    /// <summary>
    /// Creates a certificate valid for 365 days and writes <see cref="KeyFileName"/> (readable by the owner only on
    /// Unix) and <see cref="CertificateFileName"/> into <paramref name="directory"/>. Existing files are not
    /// overwritten: an <see cref="IOException"/> names the file.
    /// </summary>
    /// <returns>The paths of the key and the certificate.</returns>
    public static (string KeyPath, string CertificatePath) WritePemPair(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);

        Directory.CreateDirectory(directory);
        var keyPath = Path.GetFullPath(Path.Combine(directory, KeyFileName));
        var certificatePath = Path.GetFullPath(Path.Combine(directory, CertificateFileName));
        foreach (var path in new[] { keyPath, certificatePath })
        {
            if (File.Exists(path))
            {
                throw new IOException($"'{path}' already exists; remove it or choose another folder.");
            }
        }

        using var certificate = Create(TimeSpan.FromDays(365));
        using var key = certificate.GetECDsaPrivateKey()!;

        var keyOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(keyPath, keyOptions))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
            writer.Write('\n');
        }

        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        return (keyPath, certificatePath);
    }
}
