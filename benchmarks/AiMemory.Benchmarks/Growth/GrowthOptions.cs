using System.Globalization;

namespace AiMemory.Benchmarks.Growth;

/// <summary>Command-line options of the <c>growth</c> command.</summary>
internal sealed class GrowthOptions
{
    public const string Usage = """
        Usage: AiMemory.Benchmarks growth [options]

        Seeds a fresh store per backend up to each size in turn and times single operations at every size.

        Options:
          --sizes N,N,...        memory counts to measure at, ascending (default 1000,10000,100000,1000000)
          --backends B,B         sqlite and/or postgresql (default sqlite,postgresql)
          --out DIR              folder for growth.csv, growth.md and growth.svg (default benchmarks/results
                                 under the repository root, or ./growth-results outside the repository)
          --quick                sizes 1000,10000 and fewer calls per measurement; for smoke tests
          --from-csv FILE[,FILE] write growth.md and growth.svg from earlier growth.csv files instead of measuring

        PostgreSQL runs create and drop a database on the server named by AIMEMORY_BENCH_POSTGRES, or else
        AIMEMORY_TEST_POSTGRES: an Npgsql connection string of a role that may create databases.
        """;

    public IReadOnlyList<int> Sizes { get; private set; } = [1_000, 10_000, 100_000, 1_000_000];

    public IReadOnlyList<string> Backends { get; private set; } = ["sqlite", "postgresql"];

    public string? OutputFolder { get; private set; }

    public bool Quick { get; private set; }

    /// <summary>Earlier result files to write the report from, or none when the command measures.</summary>
    public IReadOnlyList<string> FromCsv { get; private set; } = [];

    /// <summary>Timed calls per read measurement when each call is fast.</summary>
    public int ReadCalls => Quick ? 30 : 100;

    /// <summary>Timed single creates per size.</summary>
    public int StoreCalls => Quick ? 50 : 200;

    /// <summary>Parses <paramref name="args"/> and throws <see cref="ArgumentException"/>, with a message for the user, on invalid input.</summary>
    public static GrowthOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GrowthOptions();
        var sizesGiven = false;
        for (var index = 0; index < args.Count; index++)
        {
            var name = args[index];
            if (name == "--quick")
            {
                options.Quick = true;
                continue;
            }

            if (index + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} is unknown or has no value. {HelpHint}");
            }

            var value = args[++index];
            switch (name)
            {
                case "--sizes":
                    options.Sizes = ParseSizes(value);
                    sizesGiven = true;
                    break;
                case "--backends":
                    options.Backends = ParseBackends(value);
                    break;
                case "--out":
                    options.OutputFolder = value;
                    break;
                case "--from-csv":
                    options.FromCsv = Split(value);
                    break;
                default:
                    throw new ArgumentException($"Option {name} is unknown. {HelpHint}");
            }
        }

        if (options.Quick && !sizesGiven)
        {
            options.Sizes = [1_000, 10_000];
        }

        return options;
    }

    private const string HelpHint = "Run 'growth --help' for the options.";

    private static string[] Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int[] ParseSizes(string value)
    {
        var sizes = Split(value).Select(text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
                ? size
                : throw new ArgumentException($"Invalid size '{text}' in --sizes: expected positive whole numbers such as 1000,10000.")).ToArray();
        if (sizes.Length == 0)
        {
            throw new ArgumentException("--sizes is empty: give at least one memory count, such as 1000.");
        }

        for (var index = 1; index < sizes.Length; index++)
        {
            if (sizes[index] <= sizes[index - 1])
            {
                throw new ArgumentException($"--sizes must be ascending, because each size adds to the store of the previous one: {value}.");
            }
        }

        return sizes;
    }

    private static string[] ParseBackends(string value)
    {
        var backends = Split(value).Select(text => text.ToLowerInvariant()).Distinct().ToArray();
        foreach (var backend in backends)
        {
            if (backend is not ("sqlite" or "postgresql"))
            {
                throw new ArgumentException($"Invalid backend '{backend}' in --backends: expected sqlite, postgresql or both.");
            }
        }

        return backends.Length > 0 ? backends : throw new ArgumentException("--backends is empty: give sqlite, postgresql or both.");
    }
}
