using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AiMemory.Hosting.Http.Tests.EndToEnd;

/// <summary>
/// The HTTPS sample (aimemory-https) running as a child process on 127.0.0.1, started with <c>dotnet</c> and the
/// given environment. Its standard error is captured; the process is killed on dispose.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process, int port, string scheme)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"{scheme}://127.0.0.1:{port}");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Standard output and standard error so far, interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The path of the built sample, next to this test assembly's configuration and framework.</summary>
    public static string SamplePath
    {
        get
        {
            var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);
            var framework = testDirectory.Name;
            var configuration = testDirectory.Parent!.Name;
            var root = testDirectory;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "AiMemory.sln")))
            {
                root = root.Parent;
            }

            if (root is null)
            {
                throw new InvalidOperationException($"No AiMemory.sln above {AppContext.BaseDirectory}.");
            }

            return Path.Combine(root.FullName, "samples", "AiMemory.Samples.Https", "bin", configuration, framework, "aimemory-https.dll");
        }
    }

    /// <summary>Starts the sample with <paramref name="environment"/> in <paramref name="workingDirectory"/>, without waiting.</summary>
    public static SampleProcess Start(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        int port,
        bool https,
        params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SamplePath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A child must not inherit settings of the machine or of the test run that would change what it does.
        foreach (var name in new[] { "API_KEY", "DATABASE_URL", "PORT", "HOST", "USE_HTTPS", "SSL_KEY_PATH", "SSL_CERT_PATH", "LOG_LEVEL",
                     "LOG_FILE", "ALLOWED_ORIGINS", "RATE_LIMIT_WINDOW_MS", "RATE_LIMIT_MAX_REQUESTS", "AIMEMORY_ALLOW_INSECURE_BIND",
                     "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_DATA_HOME"] = Path.Combine(workingDirectory, "data");
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new SampleProcess(process, port, https ? "https" : "http");
    }

    /// <summary>Starts the sample and waits until <c>/health</c> returns 200.</summary>
    public static async Task<SampleProcess> StartAndWaitAsync(
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        X509Certificate2? trustedCertificate)
    {
        // A free port can be taken by another process before the sample binds it, so a bind failure gets new ports.
        var attemptsLeft = 3;
        var sample = Start(workingDirectory, environment, FreePort(), https: trustedCertificate is not null);
        var client = CreateClient(sample.BaseAddress, trustedCertificate);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (sample.HasExited)
            {
                // Waiting for the exit again also waits until the output is read to its end.
                await sample.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }

            if (sample.HasExited && sample.Output.Contains("address already in use", StringComparison.Ordinal) && --attemptsLeft > 0)
            {
                await sample.DisposeAsync();
                client.Dispose();
                sample = Start(workingDirectory, environment, FreePort(), https: trustedCertificate is not null);
                client = CreateClient(sample.BaseAddress, trustedCertificate);
                continue;
            }

            if (sample.HasExited)
            {
                client.Dispose();
                throw new InvalidOperationException($"The sample exited with {sample.ExitCode}:\n{sample.Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    client.Dispose();
                    return sample;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        client.Dispose();
        await sample.DisposeAsync();
        throw new TimeoutException($"The sample did not answer /health within {StartTimeout}:\n{sample.Output}");
    }

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> accepts its value or <paramref name="timeout"/> passes.</summary>
    /// <returns>The last value read.</returns>
    public static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = read();
        }

        return value;
    }

    /// <summary>Waits for the process to exit by itself, and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>An HTTP client for <paramref name="baseAddress"/> that trusts exactly <paramref name="trustedCertificate"/>.</summary>
    public static HttpClient CreateClient(Uri baseAddress, X509Certificate2? trustedCertificate, bool allowNameMismatch = false) =>
        new(CreateHandler(trustedCertificate, allowNameMismatch)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>
    /// A handler whose TLS validation accepts only a chain that ends at <paramref name="trustedCertificate"/>. A test
    /// that sends a foreign <c>Host</c> header (which also becomes the TLS server name) allows the name mismatch.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2? trustedCertificate, bool allowNameMismatch = false)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        if (trustedCertificate is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                Validate(trustedCertificate, certificate as X509Certificate2, allowNameMismatch ? errors & ~SslPolicyErrors.RemoteCertificateNameMismatch : errors);
        }

        return handler;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static bool Validate(X509Certificate2 trusted, X509Certificate2? presented, SslPolicyErrors errors)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
