namespace AiMemory.Benchmarks.Growth;

/// <summary>The operations timed at every size, in the order of the report.</summary>
internal static class GrowthOperations
{
    public const string Store = "store";
    public const string GetById = "get_by_id";
    public const string SearchRare = "search_rare";
    public const string SearchCommon = "search_common";
    public const string SearchCjk = "search_cjk";
    public const string ListNewest = "list_newest";

    public static readonly string[] All = [Store, GetById, SearchRare, SearchCommon, SearchCjk, ListNewest];

    /// <summary>Returns the label of <paramref name="operation"/> in tables and in the plot's legend.</summary>
    public static string Label(string operation) => operation switch
    {
        Store => "store one memory",
        GetById => "get by id",
        SearchRare => "search rare word (1 in 100)",
        SearchCommon => "search common word (1 in 10)",
        SearchCjk => "search CJK phrase (1 in 100)",
        ListNewest => "list newest (first page)",
        _ => operation,
    };
}

/// <summary>One timed operation on one backend holding <paramref name="Size"/> memories.</summary>
internal sealed record GrowthMeasurement(string Backend, int Size, string Operation, LatencySummary Latency);

/// <summary>
/// What seeding a backend up to <paramref name="Size"/> memories cost: the import rate of the memories added since the
/// previous size, and the store's bytes on disk once they were in.
/// </summary>
internal sealed record GrowthSeeding(string Backend, int Size, int MemoriesAdded, double ImportSeconds, long DatabaseBytes)
{
    public double MemoriesPerSecond => ImportSeconds > 0 ? MemoriesAdded / ImportSeconds : 0;
}

/// <summary>Every figure of one growth run, in the order it was measured.</summary>
internal sealed class GrowthResults
{
    public List<GrowthMeasurement> Measurements { get; } = [];

    public List<GrowthSeeding> Seedings { get; } = [];

    /// <summary>Database engine versions by backend, as reported by the engines.</summary>
    public Dictionary<string, string> EngineVersions { get; } = [];
}
