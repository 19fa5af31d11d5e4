using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AiMemory.Testing;

namespace AiMemory.Reliability.Tests.Support;

/// <summary>
/// The HTTPS sample (aimemory-https) as a real process on 127.0.0.1 over TLS with a development certificate of its
/// own, an API key and the given store. Killed on dispose.
/// </summary>
internal sealed class HttpsSample : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TemporaryDirectory _folder;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly X509Certificate2 _certificate;

    private HttpsSample(TemporaryDirectory folder, Process process, X509Certificate2 certificate, int port)
    {
        _folder = folder;
        _process = process;
        _certificate = certificate;
        BaseAddress = new Uri($"https://127.0.0.1:{port}");
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The key every request of <see cref="Send"/> carries.</summary>
    public const string ApiKey = "reliability-test-key-0123456789abcdef";

    public Uri BaseAddress { get; }

    /// <summary>What the process printed so far.</summary>
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

    /// <summary>Starts the sample with <paramref name="databaseUrl"/> (SQLite in its own folder when null) and waits for /health.</summary>
    public static async Task<HttpsSample> StartAsync(string? databaseUrl, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = new TemporaryDirectory();
        await RunToEndAsync(SamplePath, "dev-cert", "--out", folder.Combine("cert"));
        var pem = await File.ReadAllTextAsync(folder.Combine("cert/certificate.pem"));
        var fields = System.Security.Cryptography.PemEncoding.Find(pem);
        var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[fields.Base64Data]));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SamplePath);
        // Settings of the machine or of the test run must not change what the sample does.
        foreach (var name in new[] { "DATABASE_URL", "HOST", "LOG_FILE", "LOG_LEVEL", "ALLOWED_ORIGINS", "RATE_LIMIT_WINDOW_MS",
                     "AIMEMORY_ALLOW_INSECURE_BIND", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["XDG_DATA_HOME"] = folder.Combine("data");
        start.Environment["API_KEY"] = ApiKey;
        start.Environment["USE_HTTPS"] = "true";
        start.Environment["SSL_KEY_PATH"] = folder.Combine("cert/private-key.pem");
        start.Environment["SSL_CERT_PATH"] = folder.Combine("cert/certificate.pem");
        start.Environment["RATE_LIMIT_MAX_REQUESTS"] = "100000";
        if (databaseUrl is not null)
        {
            start.Environment["DATABASE_URL"] = databaseUrl;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        // A free port can be taken by another process before the sample binds it, so a bind failure gets new ports.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            var sample = new HttpsSample(folder, process, certificate, port);
            if (await sample.WaitForHealthAsync())
            {
                return sample;
            }

            if (attempt == 3 || !sample.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                var failure = $"The sample exited with {process.ExitCode}:\n{sample.Output}";
                await sample.DisposeAsync();
                throw new InvalidOperationException(failure);
            }

            process.Dispose();
        }
    }

    /// <summary>Waits until /health returns 200.</summary>
    /// <returns><see langword="false"/> when the process exited first, with its output read to the end.</returns>
    /// <exception cref="TimeoutException">The sample neither responded nor exited in time.</exception>
    private async Task<bool> WaitForHealthAsync()
    {
        using var client = CreateClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                return false;
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await DisposeAsync();
        throw new TimeoutException($"The sample did not answer /health within {StartTimeout}.");
    }

    /// <summary>An HTTP client that trusts exactly this sample's certificate.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == _certificate.GetCertHashString();
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    /// <summary>A request with the API key.</summary>
    public static HttpRequestMessage Send(HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", ApiKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _certificate.Dispose();
        _folder.Dispose();
    }

    private static string SamplePath
    {
        get
        {
            var testFolder = new DirectoryInfo(AppContext.BaseDirectory);
            var root = testFolder;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "AiMemory.sln")))
            {
                root = root.Parent;
            }

            return root is null
                ? throw new InvalidOperationException($"No AiMemory.sln above {AppContext.BaseDirectory}.")
                : Path.Combine(root.FullName, "samples", "AiMemory.Samples.Https", "bin", testFolder.Parent!.Name, testFolder.Name, "aimemory-https.dll");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunToEndAsync(string dll, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} failed: {await errors}");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
