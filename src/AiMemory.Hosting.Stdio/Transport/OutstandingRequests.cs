namespace AiMemory.Hosting.Stdio.Transport;

/// <summary>
/// Counts the requests passed to the MCP server that have no response on stdout yet. When stdin ends, the input
/// waits for this count to reach zero before it reports the end, because the MCP SDK 2.4.0 stops its session at
/// the end of input and drops the responses still in flight; a client that writes its requests and closes stdin
/// would otherwise get no responses. The count also signals an <see cref="IdleMemoryTrimmer"/> when the server is idle.
/// </summary>
/// <param name="trimmer">Scheduled when the last open request gets its response, and cancelled when the next one arrives.</param>
internal sealed class OutstandingRequests(IdleMemoryTrimmer? trimmer = null)
{
    private readonly Lock _lock = new();
    private int _count;
    private TaskCompletionSource _drained = CreateCompleted();

    /// <summary>The number of requests without a response.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Records a request passed to the server.</summary>
    public void Add()
    {
        lock (_lock)
        {
            if (_count++ == 0)
            {
                _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                trimmer?.Cancel();
            }
        }
    }

    /// <summary>Records a response written to stdout. Extra responses (to requests never counted) are ignored.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return;
            }

            if (--_count == 0)
            {
                _drained.TrySetResult();
                trimmer?.ScheduleAfterIdle();
            }
        }
    }

    /// <summary>Waits until every counted request has a response, or <paramref name="timeout"/> has passed.</summary>
    /// <returns><see langword="true"/> when every request was answered.</returns>
    public async Task<bool> WaitForDrainAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task drained;
        lock (_lock)
        {
            drained = _drained.Task;
        }

        try
        {
            await drained.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static TaskCompletionSource CreateCompleted()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }
}
