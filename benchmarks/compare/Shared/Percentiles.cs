namespace AiMemory.Benchmarks.Compare;

/// <summary>Nearest-rank percentiles of a sample.</summary>
internal static class Percentiles
{
    /// <summary>
    /// Returns the nearest-rank percentile: the smallest value with at least <paramref name="fraction"/> of the sample
    /// at or below it. The sample is sorted in place. Returns NaN for an empty sample.
    /// </summary>
    public static double Of(List<double> sample, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1.0);
        if (sample.Count == 0)
        {
            return double.NaN;
        }

        sample.Sort();
        var rank = (int)Math.Ceiling(fraction * sample.Count);
        return sample[Math.Clamp(rank - 1, 0, sample.Count - 1)];
    }
}
