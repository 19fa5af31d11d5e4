using System.Diagnostics;
using AiMemory.Benchmarks.Compare;
using AiMemory.Benchmarks.Compare.Stdio;

// Compares AiMemory's Native AOT stdio server with the Node.js reference memory server (@modelcontextprotocol/server-memory)
// through the same MCP client: start-up, storing one note, and searching at several store sizes. Writes a Markdown table
// and a CSV. Every loop is bounded by a count and by --max-minutes.
//
//   dotnet run -c Release --project benchmarks/compare/StdioCompare -- [--quick] [--out FILE]
//
// benchmarks/compare/stdio-compare.sh publishes the native server and installs the reference server first.

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CompareOptions.Usage);
    return 0;
}

var root = CommandLine.RepositoryRoot();
CompareOptions options;
try
{
    options = CompareOptions.Parse(args, root);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

foreach (var (path, hint) in new[]
{
    (options.AiMemoryExecutable, "publish it with: dotnet publish samples/AiMemory.Samples.Stdio -c Release -r linux-x64 -o DIR, then pass --aimemory DIR/aimemory-stdio"),
    (options.ReferenceScript, "install it with: npm install in benchmarks/startup/reference, or pass --reference PATH"),
})
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"Server not found: '{path}'. To fix, {hint}.");
        return 2;
    }
}

var work = Directory.CreateTempSubdirectory("aimemory-stdio-compare-");
var started = Stopwatch.GetTimestamp();
// The hard stop cancels a call that hangs. The soft deadline ends loops early and keeps what was measured.
using var hardStop = new CancellationTokenSource(options.MaxDuration + TimeSpan.FromMinutes(2));
var measurements = new StdioMeasurements(
    new AiMemoryServer(options.AiMemoryExecutable),
    new ReferenceServer(options.NodeCommand, options.ReferenceScript),
    work.FullName,
    DateTime.UtcNow + options.MaxDuration,
    hardStop.Token);
try
{
    Console.WriteLine("Warming up the client against both servers...");
    await measurements.WarmUpAsync();
    Console.WriteLine($"Start-up, {options.StartupRuns} runs per server...");
    await measurements.MeasureStartupAsync(options.StartupRuns);
    Console.WriteLine($"Store, {options.StoreCalls} calls per server, then {options.IdleStoreCalls} after 1 s without requests...");
    await measurements.MeasureStoreAsync(options.StoreCalls, options.IdleStoreCalls);
    Console.WriteLine($"Search at {string.Join(", ", options.SeedSizes)} notes, {options.Searches} searches per word...");
    await measurements.MeasureSearchAsync(options.SeedSizes, options.Searches);
}
catch (Exception exception) when (exception is not OutOfMemoryException)
{
    Console.Error.WriteLine($"The comparison failed: {exception.Message}");
    ServerErrors.Print(Console.Error);
    return 1;
}
finally
{
    work.Delete(recursive: true);
}

var machine = MachineInfo.Describe([("Node.js", MachineInfo.CommandVersion(options.NodeCommand, "--version"))]);
StdioReport.Write(options.OutputPath, options, measurements.Rows, machine);
Console.WriteLine(File.ReadAllText(options.OutputPath));
Console.WriteLine($"Wrote {options.OutputPath} and its .csv in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s.");
return 0;
