using System.Globalization;
using System.Text;

namespace AiMemory.Benchmarks.Growth;

/// <summary>
/// Reads and writes <c>growth.csv</c>: one row per backend, size and operation, with the seeding figures of that
/// backend and size repeated on each of its rows.
/// </summary>
internal static class GrowthCsv
{
    private const string Header =
        "backend,size,operation,median_ms,p95_ms,min_ms,max_ms,calls,import_memories_per_s,database_mb,engine";

    public static string Write(GrowthResults results)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var measurement in results.Measurements)
        {
            var seeding = results.Seedings.Single(seeding => seeding.Backend == measurement.Backend && seeding.Size == measurement.Size);
            var latency = measurement.Latency;
            csv.Append(CultureInfo.InvariantCulture, $"{measurement.Backend},{measurement.Size},{measurement.Operation},")
                .Append(CultureInfo.InvariantCulture, $"{latency.MedianMilliseconds:F3},{latency.P95Milliseconds:F3},")
                .Append(CultureInfo.InvariantCulture, $"{latency.MinMilliseconds:F3},{latency.MaxMilliseconds:F3},{latency.Count},")
                .Append(CultureInfo.InvariantCulture, $"{seeding.MemoriesPerSecond:F0},{seeding.DatabaseBytes / 1e6:F1},")
                .Append(results.EngineVersions.GetValueOrDefault(measurement.Backend, ""))
                .Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Reads the rows of an earlier run. The file stores only the import rate, so the import time is rebuilt from it.</summary>
    public static void Read(string path, GrowthResults results)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new InvalidDataException($"{path} is not a growth.csv file: the first line must be '{Header}'.");
        }

        foreach (var line in lines.Skip(1).Where(line => line.Length > 0))
        {
            var fields = line.Split(',');
            if (fields.Length != 11)
            {
                throw new InvalidDataException($"Invalid row in {path}: expected 11 fields, found {fields.Length}: {line}");
            }

            var backend = fields[0];
            var size = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var latency = new LatencySummary(
                int.Parse(fields[7], CultureInfo.InvariantCulture),
                Number(fields[3]),
                Number(fields[4]),
                Number(fields[5]),
                Number(fields[6]));
            if (results.Measurements.Any(measurement => measurement.Backend == backend && measurement.Size == size && measurement.Operation == fields[2]))
            {
                throw new InvalidDataException(
                    $"{path} repeats {fields[2]} on {backend} at {size} memories, which an earlier row or file already has. Give each backend and size once.");
            }

            results.Measurements.Add(new GrowthMeasurement(backend, size, fields[2], latency));
            if (!results.Seedings.Any(seeding => seeding.Backend == backend && seeding.Size == size))
            {
                var rate = Number(fields[8]);
                results.Seedings.Add(new GrowthSeeding(backend, size, (int)Math.Round(rate), rate > 0 ? 1 : 0, (long)(Number(fields[9]) * 1e6)));
            }

            if (fields[10].Length > 0)
            {
                results.EngineVersions[backend] = fields[10];
            }
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
