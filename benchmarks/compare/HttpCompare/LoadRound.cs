using System.Diagnostics;

namespace AiMemory.Benchmarks.Compare.Http;

/// <summary>The outcome of one round against one target.</summary>
internal sealed record RoundResult(int Requests, double Seconds, double[] LatenciesMilliseconds)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>A closed-loop load round: each client sends its next request when the previous response is read.</summary>
internal static class LoadRound
{
    /// <summary>
    /// Runs <paramref name="concurrency"/> clients until <paramref name="duration"/> has passed or
    /// <paramref name="maxRequests"/> requests were sent, whichever comes first.
    /// </summary>
    public static async Task<RoundResult> RunAsync(
        Func<CancellationToken, Task> send, int concurrency, TimeSpan duration, int maxRequests, CancellationToken cancellationToken)
    {
        var latencies = new double[maxRequests];
        var issued = 0;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var slot = Interlocked.Increment(ref issued) - 1;
                if (slot >= maxRequests)
                {
                    return;
                }

                var requestStarted = Stopwatch.GetTimestamp();
                await send(cancellationToken);
                latencies[slot] = Stopwatch.GetElapsedTime(requestStarted).TotalMilliseconds;
            }
        }));

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // A client that found the time up after taking a slot left it empty, so count only the slots filled.
        var completed = latencies.AsSpan(0, Math.Min(issued, maxRequests)).ToArray().Where(latency => latency > 0).ToArray();
        return new RoundResult(completed.Length, seconds, completed);
    }
}
