using System.Diagnostics;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AiMemory.Benchmarks.Compare;
using AiMemory.Benchmarks.Compare.Http;
using AiMemory.Hosting.Http.Kestrel;

// Compares the AiMemory HTTPS host with a bare Kestrel endpoint on the same machine. Both servers run as their own
// processes on 127.0.0.1 with the same development certificate. One client drives every target with the same
// concurrency, in rounds that alternate between targets, and every round is bounded by a time and a request count.
//
//   dotnet run -c Release --project benchmarks/compare/HttpCompare -- [--quick] [--out FILE]
//
// benchmarks/compare/http-compare.sh builds both servers first.

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(HttpCompareOptions.Usage);
    return 0;
}

var root = CommandLine.RepositoryRoot();
HttpCompareOptions options;
try
{
    options = HttpCompareOptions.Parse(args, root);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

foreach (var path in new[] { options.AiMemoryAssembly, options.BareAssembly })
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine(
            $"Server not found: '{path}'. Build it with: dotnet build -c Release (samples/AiMemory.Samples.Https, benchmarks/compare/BareKestrel).");
        return 2;
    }
}

var started = Stopwatch.GetTimestamp();
var work = Directory.CreateTempSubdirectory("aimemory-http-compare-");
using var hardStop = new CancellationTokenSource(options.MaxDuration + TimeSpan.FromMinutes(2));
ServerProcess? bare = null;
ServerProcess? aiMemory = null;
try
{
    var (keyPath, certificatePath) = DevelopmentCertificate.WritePemPair(Path.Combine(work.FullName, "certificate"));
    using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
    var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    var barePort = ServerProcess.FreePort();
    bare = ServerProcess.Start(
        "bare Kestrel",
        options.BareAssembly,
        ["--port", $"{barePort}", "--cert", certificatePath, "--key", keyPath],
        work.FullName,
        new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = null });

    var aiMemoryPort = ServerProcess.FreePort();
    var aiMemoryDirectory = Directory.CreateDirectory(Path.Combine(work.FullName, "aimemory")).FullName;
    aiMemory = ServerProcess.Start("AiMemory", options.AiMemoryAssembly, [], aiMemoryDirectory, new Dictionary<string, string?>
    {
        ["HOST"] = "127.0.0.1",
        ["PORT"] = $"{aiMemoryPort}",
        ["USE_HTTPS"] = "true",
        ["SSL_KEY_PATH"] = keyPath,
        ["SSL_CERT_PATH"] = certificatePath,
        ["API_KEY"] = key,
        ["RATE_LIMIT_MAX_REQUESTS"] = "1000000000",
        ["RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS"] = "1000000000",
        ["LOG_LEVEL"] = "warning",
        ["AiMemory__SqlitePath"] = Path.Combine(aiMemoryDirectory, "aimemory.db"),
        ["DATABASE_URL"] = null,
        ["ASPNETCORE_URLS"] = null,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    });

    using var bareClient = CreateClient(barePort, certificate, options.Concurrency);
    using var aiMemoryClient = CreateClient(aiMemoryPort, certificate, options.Concurrency);
    await bare.WaitUntilReadyAsync(bareClient, "/ok", TimeSpan.FromSeconds(60));
    await aiMemory.WaitUntilReadyAsync(aiMemoryClient, "/health", TimeSpan.FromSeconds(60));
    var memoryId = await Targets.SeedAsync(aiMemoryClient, key, hardStop.Token);

    var targets = Targets.Create(bareClient, aiMemoryClient, key, memoryId);
    var results = targets.Select(target => new TargetResults(target)).ToList();
    // With a 1-second warm-up the first timed round ran at half the speed of later ones, so each target gets a
    // discarded round of at least 3 seconds. NOTE: single rounds still vary widely on a loaded machine; the report
    // shows the spread.
    var warmUp = options.RoundDuration > TimeSpan.FromSeconds(3) ? options.RoundDuration : TimeSpan.FromSeconds(3);
    Console.WriteLine($"{targets.Count} targets, {options.Concurrency} clients; warming up for {warmUp.TotalSeconds:0} s per target...");
    foreach (var target in targets)
    {
        await LoadRound.RunAsync(target.SendAsync, options.Concurrency, warmUp, options.MaxRequestsPerRound, hardStop.Token);
    }

    var softDeadline = DateTime.UtcNow + options.MaxDuration;
    for (var round = 0; round < options.Rounds && DateTime.UtcNow < softDeadline; round++)
    {
        // Each round starts at a different target, so no target always follows the same one.
        for (var step = 0; step < results.Count; step++)
        {
            var target = results[(round + step) % results.Count];
            var outcome = await LoadRound.RunAsync(
                target.Target.SendAsync, options.Concurrency, options.RoundDuration, options.MaxRequestsPerRound, hardStop.Token);
            target.Add(outcome);
            Console.WriteLine($"  round {round + 1} of {options.Rounds}, {target.Target.Name}: {outcome.RequestsPerSecond:0} requests/s");
        }
    }

    var machine = MachineInfo.Describe([]);
    HttpReport.Write(options.OutputPath, options, results, machine);
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException)
{
    Console.Error.WriteLine($"The comparison failed: {exception.Message}");
    Console.Error.WriteLine(aiMemory?.RecentOutput());
    Console.Error.WriteLine(bare?.RecentOutput());
    return 1;
}
finally
{
    aiMemory?.Dispose();
    bare?.Dispose();
    work.Delete(recursive: true);
}

Console.WriteLine(File.ReadAllText(options.OutputPath));
Console.WriteLine($"Wrote {options.OutputPath} and its .csv in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s.");
return 0;

// Trusts exactly the development certificate the servers were given, nothing else.
static HttpClient CreateClient(int port, X509Certificate2 certificate, int concurrency)
{
    var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == thumbprint,
        },
    };
    return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
}
