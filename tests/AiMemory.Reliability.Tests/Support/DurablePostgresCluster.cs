using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiMemory.Testing;
using Npgsql;

namespace AiMemory.Reliability.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of its own for tests that stop the server abruptly. It is created with initdb in a temporary
/// folder and listens on 127.0.0.1 on a free port. Fsync and synchronous commit stay on, so every commit it
/// acknowledged must survive an immediate stop. As root the server runs as the unprivileged user <c>aimemory-pg</c>,
/// as scripts/throwaway-postgres.sh does. The binaries come from AIMEMORY_TEST_POSTGRES_BIN, else from the PATH.
/// </summary>
public sealed class DurablePostgresCluster : IAsyncLifetime
{
    private const string ServerUser = "aimemory-pg";

    private readonly TemporaryDirectory _folder = new();
    private string _bin = "";
    private int _port;

    /// <summary>
    /// An Npgsql connection string of the cluster's <c>postgres</c> database. A stopped server refuses connections at
    /// once, so the connect timeout only bounds a slow server: 3 s timed out on a loaded 2-core machine.
    /// </summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=aimemory;Database=postgres;Timeout=10;Command Timeout=10";

    private string DataFolder => _folder.Combine("data");

    private static bool IsRoot => Environment.UserName == "root";

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _port = FreePort();
        if (IsRoot)
        {
            await RunAsync("id", ServerUser).ContinueWith(async check =>
            {
                if (check.Result != 0)
                {
                    await RunAsync("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ServerUser);
                }
            }).Unwrap();
            await RunCheckedAsync("chown", ServerUser, _folder.Path);
            await RunCheckedAsync("chmod", "755", _folder.Path);
        }

        await RunAsServerCheckedAsync(
            Path.Combine(_bin, "initdb"), "-D", DataFolder, "-U", "aimemory", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await StartAsync();
    }

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public Task StartAsync() => RunAsServerCheckedAsync(
        Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-l", _folder.Combine("server.log"), "-w", "-t", "60",
        "-o", $"-p {_port} -k {_folder.Path} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on",
        "start");

    /// <summary>Stops the server without a checkpoint or a clean shutdown, so it must recover from its write-ahead log on the next start.</summary>
    public Task StopImmediatelyAsync() => RunAsServerCheckedAsync(
        Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsServerAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");
        _folder.Dispose();
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("AIMEMORY_TEST_POSTGRES_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Order().Select(version => Path.Combine(version, "bin"))
                : []);
        return candidates.FirstOrDefault(folder => File.Exists(Path.Combine(folder, "initdb")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found; set AIMEMORY_TEST_POSTGRES_BIN to their folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<int> RunAsServerAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", ServerUser, "--", program, .. arguments]) : RunAsync(program, arguments);

    private async Task RunAsServerCheckedAsync(string program, params string[] arguments)
    {
        var exitCode = await RunAsServerAsync(program, arguments);
        if (exitCode != 0)
        {
            var log = _folder.Combine("server.log");
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {exitCode}. " +
                (File.Exists(log) ? await File.ReadAllTextAsync(log) : ""));
        }
    }

    private static async Task RunCheckedAsync(string program, params string[] arguments)
    {
        var exitCode = await RunAsync(program, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {exitCode}.");
        }
    }

    private static async Task<int> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, errors);
        return process.ExitCode;
    }
}
