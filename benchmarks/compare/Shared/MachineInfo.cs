using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AiMemory.Benchmarks.Compare;

/// <summary>A description of the machine a comparison ran on, read from <c>/proc</c> and <c>/etc/os-release</c> on Linux.</summary>
internal static class MachineInfo
{
    /// <summary>Returns Markdown lines naming the date, CPU, cores, memory, OS, runtime and load average.</summary>
    /// <param name="toolVersions">Labels and versions of further tools, such as Node.js.</param>
    public static IReadOnlyList<string> Describe(IEnumerable<(string Label, string Version)> toolVersions)
    {
        var lines = new List<string>
        {
            $"- Date: {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
            $"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores",
            $"- Memory: {MemoryGigabytes()}",
            $"- OS: {OperatingSystemName()} ({RuntimeInformation.OSArchitecture})",
            $"- .NET: {RuntimeInformation.FrameworkDescription}",
        };
        lines.AddRange(toolVersions.Select(tool => $"- {tool.Label}: {tool.Version}"));
        lines.Add($"- Load average at the end (1, 5, 15 min): {LoadAverage()}");
        return lines;
    }

    /// <summary>Returns the 1, 5 and 15 minute load averages, or "unknown" where <c>/proc/loadavg</c> is missing.</summary>
    public static string LoadAverage() =>
        ReadFirstLine("/proc/loadavg") is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "unknown";

    /// <summary>Runs <paramref name="command"/> with one argument and returns its first output line, or "unknown".</summary>
    public static string CommandVersion(string command, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, argument)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return "unknown";
            }

            var output = process.StandardOutput.ReadLine();
            process.WaitForExit(10_000);
            return string.IsNullOrWhiteSpace(output) ? "unknown" : output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return "unknown";
        }

        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? "unknown" : model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string MemoryGigabytes()
    {
        var total = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        var fields = total?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is not { Length: >= 2 } || !long.TryParse(fields[1], CultureInfo.InvariantCulture, out var kilobytes))
        {
            return "unknown";
        }

        return string.Create(CultureInfo.InvariantCulture, $"{kilobytes / 1024.0 / 1024.0:0.0} GiB");
    }

    private static string OperatingSystemName()
    {
        const string Prefix = "PRETTY_NAME=";
        var name = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(line => line.StartsWith(Prefix, StringComparison.Ordinal))
            : null;
        return name is null ? RuntimeInformation.OSDescription : name[Prefix.Length..].Trim('"');
    }

    private static string? ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault() : null;
}
