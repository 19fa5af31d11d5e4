using System.Globalization;
using System.Text;

namespace AiMemory.Benchmarks.Compare.Stdio;

/// <summary>Writes the comparison as a Markdown page and as CSV.</summary>
internal static class StdioReport
{
    // What a reader needs to weigh the figures. Each point was checked against the servers' code or settings.
    private static readonly string[] Notes =
    [
        "- Searches send only the query, as an assistant would. AiMemory returns one ranked page (its default limit, 20 " +
        "hits) while the reference returns every matching entity with its relations, as pretty-printed text and as " +
        "structured content, so at 10,000 notes a common word returns 1,000 entities.",
        "- The reference reads and parses its whole JSON Lines file on every call and rewrites it on every create, so its " +
        "times grow with the number of stored notes. AiMemory keeps an SQLite file with an FTS5 trigram index.",
        "- Neither server waits for the disk on a store: AiMemory's SQLite runs in WAL mode with synchronous=NORMAL, and " +
        "the reference writes a temporary file and renames it, without fsync.",
        "- Start-up compares the Native AOT aimemory-stdio with Node.js running the reference's JavaScript. Every start-up " +
        "run of a server reuses the data folder its warm-up run created.",
        "- Client and servers share the machine's cores, and other work on the machine slows both servers alike only on " +
        "average: compare the ratios of one run rather than absolute times across runs.",
    ];

    /// <summary>Writes <paramref name="markdownPath"/> and a CSV file with the same name beside it.</summary>
    public static void Write(string markdownPath, CompareOptions options, IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> machine)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(markdownPath)!);
        File.WriteAllText(markdownPath, Markdown(options, rows, machine));
        File.WriteAllText(Path.ChangeExtension(markdownPath, ".csv"), Csv(rows));
    }

    private static string Markdown(CompareOptions options, IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> machine)
    {
        var text = new StringBuilder();
        text.AppendLine("### Stdio: AiMemory against the Node.js reference memory server");
        text.AppendLine();
        text.AppendLine(
            "Both servers are driven by the same MCP C# SDK client over stdio in one run; calls alternate between them. " +
            "Ratio = reference / AiMemory, so above 1 means AiMemory is faster. Percentiles are nearest-rank; n is the " +
            "number of timed samples per server.");
        text.AppendLine();
        text.AppendLine("| measurement | n | AiMemory median | reference median | ratio | AiMemory p95 | reference p95 | ratio p95 | note |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            var (aiMedian, referenceMedian) = (Percentiles.Of(row.AiMemory, 0.5), Percentiles.Of(row.Reference, 0.5));
            var single = row.AiMemory.Count < 2;
            var p95 = single
                ? "| – | – | – "
                : Invariant($"| {Value(Percentiles.Of(row.AiMemory, 0.95), row.Unit)} | {Value(Percentiles.Of(row.Reference, 0.95), row.Unit)} | {Ratio(Percentiles.Of(row.Reference, 0.95), Percentiles.Of(row.AiMemory, 0.95))} ");
            text.AppendLine(Invariant(
                $"| {row.Measurement} | {row.AiMemory.Count} | {Value(aiMedian, row.Unit)} | {Value(referenceMedian, row.Unit)} | {Ratio(referenceMedian, aiMedian)} {p95}| {row.Note} |"));
        }

        text.AppendLine();
        foreach (var note in Notes)
        {
            text.AppendLine(note);
        }

        text.AppendLine();
        text.AppendLine(Invariant(
            $"Settings: {options.StartupRuns} start-up runs after one warm-up run, {options.StoreCalls} store calls back to back and {options.IdleStoreCalls} after a pause, {options.Searches} searches per word and size{(options.Quick ? " (--quick)" : "")}."));
        text.AppendLine();
        text.AppendLine("Machine:");
        text.AppendLine();
        foreach (var line in machine)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    private static string Csv(IReadOnlyList<ComparisonRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("measurement,unit,n,aimemory_median,reference_median,ratio_median,aimemory_p95,reference_p95,ratio_p95,note");
        foreach (var row in rows)
        {
            var aiMedian = Percentiles.Of(row.AiMemory, 0.5);
            var referenceMedian = Percentiles.Of(row.Reference, 0.5);
            var aiP95 = Percentiles.Of(row.AiMemory, 0.95);
            var referenceP95 = Percentiles.Of(row.Reference, 0.95);
            text.AppendLine(Invariant(
                $"{Quote(row.Measurement)},{row.Unit},{row.AiMemory.Count},{aiMedian:0.###},{referenceMedian:0.###},{referenceMedian / aiMedian:0.###},{aiP95:0.###},{referenceP95:0.###},{referenceP95 / aiP95:0.###},{Quote(row.Note)}"));
        }

        return text.ToString();
    }

    private static string Value(double value, string unit) =>
        double.IsNaN(value) ? "–" : Invariant($"{value:0.00} {unit}");

    private static string Ratio(double reference, double aiMemory) =>
        double.IsNaN(reference) || double.IsNaN(aiMemory) || aiMemory <= 0 ? "–" : Invariant($"{reference / aiMemory:0.00}");

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
