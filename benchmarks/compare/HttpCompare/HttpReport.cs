using System.Globalization;
using System.Text;

namespace AiMemory.Benchmarks.Compare.Http;

/// <summary>All rounds of one target.</summary>
internal sealed class TargetResults(Target target)
{
    public Target Target { get; } = target;

    public List<double> RequestsPerSecond { get; } = [];

    public List<double> Latencies { get; } = [];

    public long Requests { get; private set; }

    public void Add(RoundResult round)
    {
        RequestsPerSecond.Add(round.RequestsPerSecond);
        Latencies.AddRange(round.LatenciesMilliseconds);
        Requests += round.Requests;
    }
}

/// <summary>Writes the comparison as a Markdown page and as CSV. The first target is the ceiling.</summary>
internal static class HttpReport
{
    public static void Write(string markdownPath, HttpCompareOptions options, IReadOnlyList<TargetResults> results, IReadOnlyList<string> machine)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(markdownPath)!);
        var ceiling = Summary.Of(results[0]);
        var summaries = results.Select(Summary.Of).ToList();

        var markdown = new StringBuilder();
        markdown.AppendLine("### HTTPS: AiMemory HTTP host against a bare Kestrel ceiling");
        markdown.AppendLine();
        var clients = Invariant($"{options.Concurrency} clients");
        var rounds = Invariant($"{results[0].RequestsPerSecond.Count} rounds");
        markdown.AppendLine(
            $"Same client, same concurrency ({clients}, each with one keep-alive HTTP/1.1 connection over TLS to 127.0.0.1), " +
            $"rounds alternating between the targets. Requests/s is the median over {rounds}. Latencies are nearest-rank " +
            "percentiles over all requests. Share = requests/s of the row / requests/s of bare Kestrel, and the latency " +
            "ratios are the row's latency / bare Kestrel's.");
        markdown.AppendLine();
        markdown.AppendLine("| target | requests | requests/s | rounds: min-max requests/s | share of ceiling | p50 ms | p99 ms | p50 ratio | p99 ratio |");
        markdown.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var csv = new StringBuilder();
        csv.AppendLine("target,requests,requests_per_second,round_min_requests_per_second,round_max_requests_per_second,share_of_ceiling,p50_ms,p99_ms,p50_ratio,p99_ratio");
        foreach (var summary in summaries)
        {
            var share = summary.RequestsPerSecond / ceiling.RequestsPerSecond;
            var p50Ratio = summary.P50 / ceiling.P50;
            var p99Ratio = summary.P99 / ceiling.P99;
            markdown.AppendLine(Invariant(
                $"| {summary.Name} | {summary.Requests:N0} | {summary.RequestsPerSecond:0} | {summary.MinRequestsPerSecond:0}-{summary.MaxRequestsPerSecond:0} | {share:P0} | {summary.P50:0.00} | {summary.P99:0.00} | {p50Ratio:0.0}x | {p99Ratio:0.0}x |"));
            csv.AppendLine(Invariant(
                $"\"{summary.Name}\",{summary.Requests},{summary.RequestsPerSecond:0.#},{summary.MinRequestsPerSecond:0.#},{summary.MaxRequestsPerSecond:0.#},{share:0.####},{summary.P50:0.###},{summary.P99:0.###},{p50Ratio:0.###},{p99Ratio:0.###}"));
        }

        markdown.AppendLine();
        markdown.AppendLine(
            "- The ceiling is Kestrel with the same TLS listener, one route and a fixed 15-byte body. AiMemory's /health " +
            "returns the same body after asking the store whether it is available.");
        markdown.AppendLine(
            "- Connections are opened during a discarded warm-up round per target, so TLS handshakes are outside the timed rounds.");
        markdown.AppendLine(
            "- The client shares the machine's cores with both servers, so it caps the ceiling too: the bare row is a lower " +
            "bound of what Kestrel alone could serve here.");
        markdown.AppendLine();
        var limits = Invariant($"{options.Rounds} rounds of at most {options.RoundDuration.TotalSeconds:0} s or {options.MaxRequestsPerRound:N0}");
        markdown.AppendLine(
            $"Settings: {limits} requests per target{(options.Quick ? " (--quick)" : "")}. Both servers are framework-dependent Release builds started " +
            "with `dotnet`, each in its own process; the client runs in a third. AiMemory runs with LOG_LEVEL=warning (no " +
            "per-request log line), rate limits raised out of reach, an embedded SQLite store holding 200 memories, and an " +
            "ECDSA P-256 development certificate; bare Kestrel serves the same certificate.");
        markdown.AppendLine();
        markdown.AppendLine("Machine:");
        markdown.AppendLine();
        foreach (var line in machine)
        {
            markdown.AppendLine(line);
        }

        File.WriteAllText(markdownPath, markdown.ToString());
        File.WriteAllText(Path.ChangeExtension(markdownPath, ".csv"), csv.ToString());
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Summary(
        string Name, long Requests, double RequestsPerSecond, double MinRequestsPerSecond, double MaxRequestsPerSecond, double P50, double P99)
    {
        public static Summary Of(TargetResults results) => new(
            results.Target.Name,
            results.Requests,
            Percentiles.Of(results.RequestsPerSecond, 0.5),
            results.RequestsPerSecond.Min(),
            results.RequestsPerSecond.Max(),
            Percentiles.Of(results.Latencies, 0.5),
            Percentiles.Of(results.Latencies, 0.99));
    }
}
