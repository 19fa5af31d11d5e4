using System.Diagnostics;
using System.Text;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>
/// The built stdio sample as a plain child process, for tests that write raw bytes to its stdin, send it signals
/// or check its exit code and stderr.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly Task _stderrPump;

    private ServerProcess(Process process)
    {
        _process = process;
        _stderrPump = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }
            }
        });
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>The server's stdin.</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>The server's stdout.</summary>
    public StreamReader Output => _process.StandardOutput;

    /// <summary>Everything the server wrote to stderr so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts the server in <paramref name="environment"/> with redirected stdin, stdout and stderr.</summary>
    public static ServerProcess Start(ServerEnvironment environment)
    {
        var startInfo = new ProcessStartInfo(StdioServerExecutable.Command, StdioServerExecutable.Arguments)
        {
            WorkingDirectory = environment.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };

        foreach (var (name, value) in environment.Variables)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        return new ServerProcess(Process.Start(startInfo)!);
    }

    /// <summary>Writes raw bytes to stdin and flushes them.</summary>
    public async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        await Input.WriteAsync(bytes, cancellationToken);
        await Input.FlushAsync(cancellationToken);
    }

    /// <summary>Writes a line of UTF-8 text to stdin.</summary>
    public Task WriteLineAsync(string line, CancellationToken cancellationToken = default) =>
        WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);

    /// <summary>Reads the next line of stdout, failing after <paramref name="timeout"/>.</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var line = await Output.ReadLineAsync(cancellation.Token);
        return line ?? throw new EndOfStreamException($"stdout ended. stderr:\n{StandardError}");
    }

    /// <summary>Closes stdin, so the server reads the end of input.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Sends SIGTERM, the signal a client or a service manager sends to stop the server.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        kill.ExitCode.ShouldBe(0);
    }

    /// <summary>Waits for the process to exit and returns its exit code, failing after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The server did not exit within {timeout}. stderr:\n{StandardError}");
        }

        await _stderrPump;
        return _process.ExitCode;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
