using AiMemory.Hosting.Stdio.Logging;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Stdio;

/// <summary>
/// The checks that run once before the server reads its first message. Runs at most once per process, whether
/// <see cref="AiMemoryStdioHost"/> calls it before starting the host or the host's start-up calls it.
/// </summary>
internal sealed class StdioStartup(ILogger<StdioStartup> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _completed;

    /// <summary>Runs the start-up checks unless they have already run.</summary>
    /// <exception cref="StdioStartupException">A check failed; the server must not start.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            StdioHostLog.Started(logger, Environment.ProcessId);
            _completed = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
