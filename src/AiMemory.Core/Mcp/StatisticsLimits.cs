using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp;

/// <summary>
/// Bounds the per-project and per-category counts of the statistics tools, which grow with the number of projects
/// and categories an owner has: the largest <see cref="MaxGroups"/> of each are kept.
/// </summary>
internal static class StatisticsLimits
{
    /// <summary>The most projects or categories listed in one statistics response: 100.</summary>
    public const int MaxGroups = 100;

    public static MemoryStatisticsResult Shorten(MemoryStatistics statistics)
    {
        var shortened = statistics with
        {
            ByCategory = Largest(statistics.ByCategory),
            ByProject = Largest(statistics.ByProject),
        };
        var cut = statistics.ByCategory.Count > MaxGroups || statistics.ByProject.Count > MaxGroups;
        return new MemoryStatisticsResult(shortened, cut ? Note : null);
    }

    public static TaskStatisticsResult Shorten(TaskStatistics statistics)
    {
        var shortened = statistics with { ByProject = Largest(statistics.ByProject) };
        return new TaskStatisticsResult(shortened, statistics.ByProject.Count > MaxGroups ? Note : null);
    }

    private static string Note =>
        $"Only the {MaxGroups} largest projects and categories are listed; totals count every item.";

    private static IReadOnlyDictionary<string, int> Largest(IReadOnlyDictionary<string, int> counts) =>
        counts.Count <= MaxGroups
            ? counts
            : counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(MaxGroups)
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
