using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AiMemory.Hosting.Http.Kestrel;

/// <summary>
/// Loads the server certificate from a PEM certificate file and a PEM private-key file (RSA or EC). Every failure is a
/// <see cref="HostStartupException"/> that names the file, so a bad pair stops start-up instead of falling back to
/// plain HTTP.
/// </summary>
public static class PemCertificateLoader
{
    /// <summary>Loads the pair. Throws <see cref="HostStartupException"/> naming the missing, unreadable or mismatched file.</summary>
    public static X509Certificate2 Load(string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        ArgumentNullException.ThrowIfNull(keyPath);

        var certificatePem = ReadPemFile("SSL_CERT_PATH", certificatePath);
        var keyPem = ReadPemFile("SSL_KEY_PATH", keyPath);
        RequireLabel("SSL_CERT_PATH", certificatePath, certificatePem, "CERTIFICATE", "a PEM certificate (BEGIN CERTIFICATE)");
        if (keyPem.Contains("BEGIN ENCRYPTED PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new HostStartupException(
                $"SSL_KEY_PATH file '{keyPath}' holds an encrypted private key, which is not supported: " +
                "export it without a password (for example with openssl pkey -in key.pem -out plain.pem).");
        }

        RequireLabel("SSL_KEY_PATH", keyPath, keyPem, "PRIVATE KEY", "a PEM private key (BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException exception)
        {
            throw new HostStartupException(
                $"SSL_KEY_PATH file '{keyPath}' does not hold the private key of the certificate in SSL_CERT_PATH file " +
                $"'{certificatePath}', or one of them is damaged ({exception.Message}). Use the key the certificate was made for.",
                exception);
        }

        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        // SChannel cannot use the ephemeral key of a certificate made from PEM text; a PKCS#12 round trip persists it.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    private static string ReadPemFile(string setting, string path)
    {
        if (!File.Exists(path))
        {
            throw new HostStartupException($"{setting} file '{path}' was not found. Check the path, or create a pair with: aimemory-https dev-cert --out DIR");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HostStartupException($"{setting} file '{path}' cannot be read: {exception.Message}", exception);
        }
    }

    private static void RequireLabel(string setting, string path, string pem, string labelSuffix, string expected)
    {
        var remaining = pem.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            var label = remaining[fields.Label];
            if (label.EndsWith(labelSuffix, StringComparison.Ordinal))
            {
                return;
            }

            remaining = remaining[fields.Location.End..];
        }

        throw new HostStartupException($"{setting} file '{path}' does not contain {expected}.");
    }
}
