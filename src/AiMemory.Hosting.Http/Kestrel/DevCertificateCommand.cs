namespace AiMemory.Hosting.Http.Kestrel;

/// <summary>The <c>dev-cert --out DIR</c> command: writes a self-signed development pair and prints how to use it.</summary>
internal static class DevCertificateCommand
{
    /// <summary>The command name, the first argument of the program.</summary>
    public const string Name = "dev-cert";

    private const string Usage = "Usage: aimemory-https dev-cert --out DIR\n" +
        "Writes private-key.pem and certificate.pem, a self-signed certificate for localhost, 127.0.0.1 and ::1 valid for 365 days.";

    /// <summary>Runs the command with the arguments after its name.</summary>
    /// <returns>0 on success, 1 when the files cannot be written, 2 on a usage error.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["--out", var directory] || string.IsNullOrWhiteSpace(directory))
        {
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var (keyPath, certificatePath) = DevelopmentCertificate.WritePemPair(directory);
            output.WriteLine($"Wrote {keyPath}");
            output.WriteLine($"Wrote {certificatePath}");
            output.WriteLine("Serve HTTPS with these lines in .env (clients must trust certificate.pem):");
            output.WriteLine("USE_HTTPS=true");
            output.WriteLine($"SSL_KEY_PATH={keyPath}");
            output.WriteLine($"SSL_CERT_PATH={certificatePath}");
            return 0;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"aimemory-https dev-cert: {exception.Message}");
            return 1;
        }
    }
}
