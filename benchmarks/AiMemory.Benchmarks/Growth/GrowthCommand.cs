namespace AiMemory.Benchmarks.Growth;

/// <summary>
/// The <c>growth</c> command: a plain timed run outside BenchmarkDotNet, because seeding up to a million memories
/// cannot happen inside benchmark iterations. Writes growth.csv after every size, so a stopped run keeps what it measured.
/// </summary>
internal static class GrowthCommand
{
    public const string Name = "growth";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(GrowthOptions.Usage);
            return 0;
        }

        GrowthOptions options;
        try
        {
            options = GrowthOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        var folder = options.OutputFolder ?? DefaultOutputFolder();
        Directory.CreateDirectory(folder);
        var command = options.FromCsv.Count > 0
            ? "`growth --from-csv`, from the growth.csv files of earlier runs"
            : "`dotnet run -c Release --project benchmarks/AiMemory.Benchmarks -- growth " + string.Join(' ', WithoutFolders(args)) + "`";
        var results = new GrowthResults();
        if (options.FromCsv.Count > 0)
        {
            try
            {
                foreach (var path in options.FromCsv)
                {
                    GrowthCsv.Read(path, results);
                }
            }
            catch (Exception exception) when (exception is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"Reading the results failed: {exception.Message}");
                return 1;
            }

            // Every file is read before anything is written, because the output folder may contain one of them.
            await File.WriteAllTextAsync(Path.Combine(folder, "growth.csv"), GrowthCsv.Write(results));
            await WriteReportAsync(folder, results, command);
            return 0;
        }

        Console.WriteLine($"Writing results to {Path.GetFullPath(folder)}");
        await new GrowthRunner(options, Console.Out).RunAsync(results, () => File.WriteAllTextAsync(Path.Combine(folder, "growth.csv"), GrowthCsv.Write(results)));
        await WriteReportAsync(folder, results, command);
        return 0;
    }

    private static async Task WriteReportAsync(string folder, GrowthResults results, string command)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "growth.md"), GrowthReport.Markdown(results, command));
        await File.WriteAllTextAsync(Path.Combine(folder, "growth.svg"), GrowthReport.Svg(results));
        Console.WriteLine($"Wrote growth.md and growth.svg to {Path.GetFullPath(folder)}");
    }

    /// <summary>Returns the arguments without <c>--out</c> and its value, so the report names no folder of the measuring machine.</summary>
    private static IEnumerable<string> WithoutFolders(string[] args)
    {
        for (var index = 0; index < args.Length; index++)
        {
            if (args[index] == "--out")
            {
                index++;
                continue;
            }

            yield return args[index];
        }
    }

    /// <summary>Returns benchmarks/results under the repository that contains the current folder, or ./growth-results outside one.</summary>
    private static string DefaultOutputFolder()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AiMemory.sln")))
            {
                return Path.Combine(folder.FullName, "benchmarks", "results");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, "growth-results");
    }
}
