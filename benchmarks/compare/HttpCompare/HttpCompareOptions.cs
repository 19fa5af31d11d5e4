namespace AiMemory.Benchmarks.Compare.Http;

/// <summary>The command line of the HTTPS comparison.</summary>
internal sealed record HttpCompareOptions(
    string AiMemoryAssembly,
    string BareAssembly,
    string OutputPath,
    int Rounds,
    TimeSpan RoundDuration,
    int MaxRequestsPerRound,
    int Concurrency,
    TimeSpan MaxDuration,
    bool Quick)
{
    public const string Usage = """
        Usage: HttpCompare [--quick] [--out FILE] [--aimemory DLL] [--bare DLL] [--rounds N] [--seconds N]
                           [--max-requests N] [--concurrency N] [--max-minutes N]

          --quick           2 rounds of 1 second per target
          --out FILE        Markdown output; a CSV with the same name is written beside it
                            (default: benchmarks/results/http-compare.md under the repository root)
          --aimemory DLL    the built aimemory-https.dll (default: samples/AiMemory.Samples.Https/bin/Release/net10.0)
          --bare DLL        the built AiMemory.Benchmarks.BareKestrel.dll (default: benchmarks/compare/BareKestrel/bin/Release/net10.0)
          --rounds N        timed rounds; each round runs every target once (default 8, 1-50)
          --seconds N       seconds per target and round (default 3, 1-30)
          --max-requests N  requests per target and round at most (default 200000, 100-1000000)
          --concurrency N   concurrent clients, each on its own keep-alive connection (default 8, 1-64)
          --max-minutes N   stop starting rounds after this many minutes and report what was measured (default 15, 1-60)
        """;

    /// <summary>Parses the arguments. An invalid value raises <see cref="ArgumentException"/> naming the option and its range.</summary>
    public static HttpCompareOptions Parse(string[] args, string repositoryRoot)
    {
        var quick = args.Contains("--quick");
        var options = new HttpCompareOptions(
            Path.Combine(repositoryRoot, "samples", "AiMemory.Samples.Https", "bin", "Release", "net10.0", "aimemory-https.dll"),
            Path.Combine(repositoryRoot, "benchmarks", "compare", "BareKestrel", "bin", "Release", "net10.0", "AiMemory.Benchmarks.BareKestrel.dll"),
            Path.Combine(repositoryRoot, "benchmarks", "results", "http-compare.md"),
            Rounds: quick ? 2 : 8,
            RoundDuration: TimeSpan.FromSeconds(quick ? 1 : 3),
            MaxRequestsPerRound: 200_000,
            Concurrency: 8,
            MaxDuration: TimeSpan.FromMinutes(quick ? 3 : 15),
            Quick: quick);

        return CommandLine.ApplyPairs(args, options, Usage, (current, name, value) => name switch
        {
            "--out" => current with { OutputPath = Path.GetFullPath(value) },
            "--aimemory" => current with { AiMemoryAssembly = Path.GetFullPath(value) },
            "--bare" => current with { BareAssembly = Path.GetFullPath(value) },
            "--rounds" => current with { Rounds = CommandLine.Number(name, value, 1, 50) },
            "--seconds" => current with { RoundDuration = TimeSpan.FromSeconds(CommandLine.Number(name, value, 1, 30)) },
            "--max-requests" => current with { MaxRequestsPerRound = CommandLine.Number(name, value, 100, 1_000_000) },
            "--concurrency" => current with { Concurrency = CommandLine.Number(name, value, 1, 64) },
            "--max-minutes" => current with { MaxDuration = TimeSpan.FromMinutes(CommandLine.Number(name, value, 1, 60)) },
            _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
        });
    }
}
