using System.Diagnostics;

namespace AiMemory.Benchmarks.Growth;

/// <summary>Latency statistics of one operation, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double MedianMilliseconds, double P95Milliseconds, double MinMilliseconds, double MaxMilliseconds)
{
    /// <summary>Summarises single-operation times with nearest-rank percentiles.</summary>
    public static LatencySummary Of(IReadOnlyList<double> milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(milliseconds.Count);
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[0], sorted[^1]);
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Times one operation call by call, within a count and a time budget: a few warm-up calls first, then up to
/// <see cref="MaxCalls"/> timed calls, and fewer when a call is slow, so no measurement runs much past the budget.
/// </summary>
internal sealed class LatencySampler
{
    private const int WarmUpCalls = 3;

    /// <summary>Calls slower than this make the sampler stop at <see cref="SlowCallCount"/> calls.</summary>
    private static readonly TimeSpan SlowCall = TimeSpan.FromMilliseconds(50);

    private const int SlowCallCount = 20;

    public LatencySampler(int maxCalls, TimeSpan budget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCalls, 1);
        MaxCalls = maxCalls;
        Budget = budget;
    }

    /// <summary>The number of timed calls when each call is fast.</summary>
    public int MaxCalls { get; }

    /// <summary>The wall-clock time after which no further call starts. At least one call is always timed.</summary>
    public TimeSpan Budget { get; }

    /// <summary>Runs <paramref name="operation"/> with call numbers 0, 1, 2, ... and returns the times of the timed calls.</summary>
    public async Task<LatencySummary> MeasureAsync(Func<int, Task> operation)
    {
        var call = 0;
        for (; call < WarmUpCalls; call++)
        {
            await operation(call);
        }

        var times = new List<double>(MaxCalls);
        var limit = MaxCalls;
        var total = Stopwatch.StartNew();
        while (times.Count < limit && (times.Count == 0 || total.Elapsed < Budget))
        {
            var start = Stopwatch.GetTimestamp();
            await operation(call++);
            var elapsed = Stopwatch.GetElapsedTime(start);
            times.Add(elapsed.TotalMilliseconds);
            if (times.Count == 1 && elapsed > SlowCall)
            {
                limit = Math.Min(limit, SlowCallCount);
            }
        }

        return LatencySummary.Of(times);
    }
}
