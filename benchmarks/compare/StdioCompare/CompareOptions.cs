namespace AiMemory.Benchmarks.Compare.Stdio;

/// <summary>The command line of the stdio comparison.</summary>
internal sealed record CompareOptions(
    string AiMemoryExecutable,
    string ReferenceScript,
    string NodeCommand,
    string OutputPath,
    int StartupRuns,
    int StoreCalls,
    int IdleStoreCalls,
    int Searches,
    IReadOnlyList<int> SeedSizes,
    TimeSpan MaxDuration,
    bool Quick)
{
    public const string Usage = """
        Usage: StdioCompare [--quick] [--out FILE] [--aimemory PATH] [--reference PATH] [--node COMMAND]
                            [--runs N] [--calls N] [--idle-calls N] [--searches N] [--sizes N,N] [--max-minutes N]

          --quick          3 start-up runs, 30 store calls, 5 after idle, 20 searches a word, 1,000 items only
          --out FILE       Markdown output; a CSV with the same name is written beside it
                           (default: benchmarks/results/stdio-compare.md under the repository root)
          --aimemory PATH  the published Native AOT aimemory-stdio (default: benchmarks/compare/out/stdio/aimemory-stdio)
          --reference PATH the reference server's dist/index.js (default: the npm install in benchmarks/startup/reference)
          --node COMMAND   the Node.js executable (default: node)
          --runs N         timed start-up runs per server after one warm-up run (default 11, 1-101)
          --calls N        timed store calls per server (default 200, 1-5000)
          --idle-calls N   timed store calls per server after 1 second without requests (default 20, 0-200)
          --searches N     timed searches per server, word and store size (default 100, 1-2000)
          --sizes N,N      store sizes for the searches, each 100-50000 in steps of 100 (default 1000,10000)
          --max-minutes N  stop measuring after this many minutes and report what was measured (default 40, 1-120)
        """;

    /// <summary>Parses the arguments. An invalid value raises <see cref="ArgumentException"/> naming the option and its range.</summary>
    public static CompareOptions Parse(string[] args, string repositoryRoot)
    {
        var quick = args.Contains("--quick");
        var options = new CompareOptions(
            Path.Combine(repositoryRoot, "benchmarks", "compare", "out", "stdio", "aimemory-stdio"),
            Path.Combine(repositoryRoot, "benchmarks", "startup", "reference", "node_modules", "@modelcontextprotocol", "server-memory", "dist", "index.js"),
            "node",
            Path.Combine(repositoryRoot, "benchmarks", "results", "stdio-compare.md"),
            StartupRuns: quick ? 3 : 11,
            StoreCalls: quick ? 30 : 200,
            IdleStoreCalls: quick ? 5 : 20,
            Searches: quick ? 20 : 100,
            SeedSizes: quick ? [1_000] : [1_000, 10_000],
            MaxDuration: TimeSpan.FromMinutes(quick ? 5 : 40),
            Quick: quick);

        return CommandLine.ApplyPairs(args, options, Usage, (current, name, value) => name switch
        {
            "--out" => current with { OutputPath = Path.GetFullPath(value) },
            "--aimemory" => current with { AiMemoryExecutable = Path.GetFullPath(value) },
            "--reference" => current with { ReferenceScript = Path.GetFullPath(value) },
            "--node" => current with { NodeCommand = value },
            "--runs" => current with { StartupRuns = CommandLine.Number(name, value, 1, 101) },
            "--calls" => current with { StoreCalls = CommandLine.Number(name, value, 1, 5_000) },
            "--idle-calls" => current with { IdleStoreCalls = CommandLine.Number(name, value, 0, 200) },
            "--searches" => current with { Searches = CommandLine.Number(name, value, 1, 2_000) },
            "--sizes" => current with { SeedSizes = Sizes(name, value) },
            "--max-minutes" => current with { MaxDuration = TimeSpan.FromMinutes(CommandLine.Number(name, value, 1, 120)) },
            _ => throw new ArgumentException($"Unknown option {name}.\n{Usage}"),
        });
    }

    private static int[] Sizes(string name, string value)
    {
        var sizes = value.Split(',').Select(size => CommandLine.Number(name, size, 100, 50_000)).ToArray();
        if (sizes.Any(size => size % MemoryWorkload.SeedBatchSize != 0) || !sizes.SequenceEqual(sizes.Order().Distinct()))
        {
            throw new ArgumentException(
                $"Option {name} takes increasing multiples of {MemoryWorkload.SeedBatchSize}, such as 1000,10000, not '{value}'.");
        }

        return sizes;
    }
}
