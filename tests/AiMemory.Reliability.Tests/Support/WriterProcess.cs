using System.Collections.Concurrent;
using System.Diagnostics;

namespace AiMemory.Reliability.Tests.Support;

/// <summary>
/// The durability writer (tests/AiMemory.Reliability.Writer) running as a separate process, with the lines it printed.
/// </summary>
internal sealed class WriterProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Task _reader;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();

    private WriterProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                _errors.Enqueue(line.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>The lines printed so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Starts the writer and waits for its "ready" line, printed after the migrations and before the first write.</summary>
    public static async Task<WriterProcess> StartAsync(string backend, string target, int workers, double seconds)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "AiMemory.Reliability.Writer.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { writer, backend, target, workers.ToString(), seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The writer process did not start.");
        var started = new WriterProcess(process);
        var finished = await Task.WhenAny(started._ready.Task, process.WaitForExitAsync(), Task.Delay(ReadyTimeout));
        if (finished != started._ready.Task)
        {
            await started.DisposeAsync();
            throw new InvalidOperationException("The writer did not become ready: " + string.Join('\n', started._errors));
        }

        return started;
    }

    /// <summary>Kills the process with SIGKILL and waits until everything it printed has been read.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reader;
    }

    /// <summary>The standard error output, for failure messages.</summary>
    public string Errors => string.Join('\n', _errors);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ready")
            {
                _ready.TrySetResult();
            }
            else
            {
                _lines.Enqueue(line);
            }
        }
    }
}
