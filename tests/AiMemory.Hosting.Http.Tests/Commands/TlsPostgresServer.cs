using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AiMemory.Testing;

namespace AiMemory.Hosting.Http.Tests.Commands;

/// <summary>
/// A PostgreSQL cluster of its own with TLS on and a self-signed certificate. Its pg_hba.conf accepts only TLS
/// connections from 127.0.0.1, so a successful connection proves TLS was used. As root it runs as aimemory-pg.
/// </summary>
public sealed class TlsPostgresServer : IAsyncLifetime
{
    private const string ServerUser = "aimemory-pg";

    private readonly TemporaryDirectory _directory = new();
    private string _bin = "";

    public int Port { get; private set; }

    public string DataPath => _directory.Combine("data");

    public async Task InitializeAsync()
    {
        _bin = FindPostgresBin();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("/bin/sh", "-c", $"id {ServerUser} >/dev/null 2>&1 || useradd --system --no-create-home {ServerUser}");
            await RunAsync("chown", ServerUser, _directory.Path);
        }

        await RunAsServerAsync(asRoot, Path.Combine(_bin, "initdb"), "-D", DataPath, "-U", "aimemory", "-A", "trust", "-E", "UTF8");
        WriteCertificate();
        await File.WriteAllTextAsync(
            Path.Combine(DataPath, "pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\n");
        if (asRoot)
        {
            await RunAsync("chown", "-R", ServerUser, DataPath);
        }

        Port = FreePort();
        var settings = $"-p {Port} -k {_directory.Path} -c listen_addresses=127.0.0.1 -c ssl=on "
            + "-c ssl_cert_file=server.crt -c ssl_key_file=server.key -c fsync=off";
        await RunAsServerAsync(
            asRoot,
            Path.Combine(_bin, "pg_ctl"),
            "-D", DataPath, "-l", _directory.Combine("server.log"), "-w", "-t", "60", "-o", settings, "start");
    }

    public async Task DisposeAsync()
    {
        try
        {
            await RunAsServerAsync(Environment.UserName == "root", Path.Combine(_bin, "pg_ctl"), "-D", DataPath, "-m", "immediate", "stop");
        }
        finally
        {
            _directory.Dispose();
        }
    }

    private void WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(DataPath, "server.crt"), certificate.ExportCertificatePem());
        var keyPath = Path.Combine(DataPath, "server.key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string FindPostgresBin()
    {
        var fromScript = Environment.GetEnvironmentVariable("AIMEMORY_TEST_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(fromScript) && File.Exists(Path.Combine(fromScript, "initdb")))
        {
            return fromScript;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException(
            "initdb and pg_ctl were not found, so the TLS PostgreSQL test cannot run. Run the suite with scripts/test.sh.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunAsServerAsync(bool asRoot, string program, params string[] args) =>
        asRoot ? RunAsync("runuser", ["-u", ServerUser, "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed with exit code {process.ExitCode}: {await output}{await error}");
        }
    }
}
