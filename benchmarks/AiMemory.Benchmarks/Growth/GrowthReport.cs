using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace AiMemory.Benchmarks.Growth;

/// <summary>Writes the Markdown table and the SVG plot of a growth run.</summary>
internal static class GrowthReport
{
    /// <summary>The operations drawn in the plot, with their line colours. The table lists every operation.</summary>
    private static readonly (string Operation, string Color)[] PlottedOperations =
    [
        (GrowthOperations.Store, "#1f77b4"),
        (GrowthOperations.SearchRare, "#2ca02c"),
        (GrowthOperations.SearchCommon, "#d62728"),
    ];

    public static string Markdown(GrowthResults results, string command)
    {
        var markdown = new StringBuilder("# How cost grows\n\n");
        markdown.Append("Median / p95 latency of single operations in milliseconds, at each number of memories of one owner.\n\n");
        foreach (var backend in results.Measurements.Select(measurement => measurement.Backend).Distinct())
        {
            var sizes = results.Measurements.Where(measurement => measurement.Backend == backend).Select(measurement => measurement.Size).Distinct().Order().ToList();
            markdown.Append(CultureInfo.InvariantCulture, $"## {DisplayName(backend)}\n\n");
            if (results.EngineVersions.TryGetValue(backend, out var engine))
            {
                markdown.Append(CultureInfo.InvariantCulture, $"Engine: {engine}.\n\n");
            }

            markdown.Append("| operation |").AppendJoin("", sizes.Select(size => $" {Count(size)} |")).Append('\n');
            markdown.Append("|---|").AppendJoin("", sizes.Select(_ => "---:|")).Append('\n');
            foreach (var operation in GrowthOperations.All)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"| {GrowthOperations.Label(operation)} |");
                foreach (var size in sizes)
                {
                    var latency = results.Measurements.SingleOrDefault(measurement =>
                        measurement.Backend == backend && measurement.Size == size && measurement.Operation == operation)?.Latency;
                    markdown.Append(latency is null
                        ? " |"
                        : $" {Milliseconds(latency.MedianMilliseconds)} / {Milliseconds(latency.P95Milliseconds)} |");
                }

                markdown.Append('\n');
            }

            var seedings = sizes.Select(size => results.Seedings.Single(seeding => seeding.Backend == backend && seeding.Size == size)).ToList();
            markdown.Append("| import (`CreateManyAsync`), memories/s |")
                .AppendJoin("", seedings.Select(seeding => string.Create(CultureInfo.InvariantCulture, $" {seeding.MemoriesPerSecond:N0} |")))
                .Append('\n');
            markdown.Append("| size on disk, MB |")
                .AppendJoin("", seedings.Select(seeding => string.Create(CultureInfo.InvariantCulture, $" {seeding.DatabaseBytes / 1e6:N1} |")))
                .Append('\n');
            markdown.Append('\n');
        }

        markdown.Append("Calls per figure: up to 100 per read and 200 single creates, fewer when a call took more than 50 ms or the ")
            .Append("10 s budget of a measurement ran out; `growth.csv` has the counts, minimums and maximums. The import rate is that ")
            .Append("of the memories added since the previous size, in batches of 5,000.\n\n");
        markdown.Append("## Machine\n\n");
        foreach (var line in MachineDescription())
        {
            markdown.Append(CultureInfo.InvariantCulture, $"- {line}\n");
        }

        markdown.Append(CultureInfo.InvariantCulture, $"\nCommand: {command}\n");
        return markdown.ToString();
    }

    public static string Svg(GrowthResults results)
    {
        var chart = new LogLogChart("Median latency by number of memories", "memories of one owner (log scale)", "median latency (log scale)")
        {
            FormatX = Count,
            FormatY = value => value >= 1000 ? $"{value / 1000:G} s" : string.Create(CultureInfo.InvariantCulture, $"{value:G} ms"),
        };
        foreach (var backend in results.Measurements.Select(measurement => measurement.Backend).Distinct())
        {
            foreach (var (operation, color) in PlottedOperations)
            {
                var points = results.Measurements
                    .Where(measurement => measurement.Backend == backend && measurement.Operation == operation)
                    .Select(measurement => ((double)measurement.Size, measurement.Latency.MedianMilliseconds));
                var postgres = backend == "postgresql";
                chart.AddSeries($"{DisplayName(backend)}: {GrowthOperations.Label(operation)}", color, dashed: postgres, postgres ? 's' : 'o', points);
            }
        }

        return chart.ToSvg();
    }

    private static string DisplayName(string backend) => backend == "postgresql" ? "PostgreSQL" : "SQLite";

    /// <summary>Formats a count as 1k, 10k, 1M, or the plain number when it is not a whole thousand.</summary>
    internal static string Count(double value) => value switch
    {
        >= 1_000_000 when value % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{value / 1_000_000:G}M"),
        >= 1_000 when value % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{value / 1_000:G}k"),
        _ => value.ToString("G", CultureInfo.InvariantCulture),
    };

    private static string Milliseconds(double value) => value switch
    {
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
    };

    private static IEnumerable<string> MachineDescription()
    {
        yield return "CPU: " + (ReadProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString());
        yield return string.Create(CultureInfo.InvariantCulture, $"Logical cores: {Environment.ProcessorCount}");
        if (ReadProcLine("/proc/meminfo", "MemTotal") is { } memory
            && long.TryParse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture, out var kilobytes))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"RAM: {kilobytes / 1024.0 / 1024.0:F1} GiB");
        }

        yield return "OS: " + RuntimeInformation.OSDescription;
        yield return ".NET: " + RuntimeInformation.FrameworkDescription;
        if (File.Exists("/proc/loadavg"))
        {
            yield return "Load average (1, 5, 15 min) when the report was written: " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }

        yield return "Report written: " + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the value after the colon of the first line of <paramref name="path"/> that starts with <paramref name="key"/>.</summary>
    private static string? ReadProcLine(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(line => line.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
