using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AiMemory.Benchmarks.Compare.Http;

/// <summary>A server started with <c>dotnet DLL</c> for the length of the run. Disposing it kills the process.</summary>
internal sealed class ServerProcess : IDisposable
{
    private const int KeptOutputLines = 30;

    private readonly Process process;

    private readonly Queue<string> output = new();

    private ServerProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    /// <summary>Starts the assembly. An <paramref name="environment"/> entry with a null value removes that variable.</summary>
    public static ServerProcess Start(
        string name, string assembly, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(variable);
            }
            else
            {
                start.Environment[variable] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Starting {name} failed: dotnet did not start.");
        var server = new ServerProcess(name, process);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Returns a TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="path"/> until it returns 200, for at most <paramref name="timeout"/>.</summary>
    public async Task WaitUntilReadyAsync(HttpClient client, string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} during start-up.\n{RecentOutput()}");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} did not return 200 for GET {path} within {timeout.TotalSeconds:0} s.\n{RecentOutput()}");
    }

    /// <summary>Returns the last lines the server wrote to standard output and standard error.</summary>
    public string RecentOutput()
    {
        lock (output)
        {
            return string.Join('\n', output.Select(line => $"  {Name}: {line}"));
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }
}
