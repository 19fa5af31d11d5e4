namespace AiMemory.Core.Model;

/// <summary>Counts over an owner's memories.</summary>
public sealed record MemoryStatistics(
    int Total,
    IReadOnlyDictionary<string, int> ByCategory,
    IReadOnlyDictionary<string, int> ByProject,
    IReadOnlyDictionary<int, int> ByPriority,
    int CreatedLastSevenDays,
    int UpdatedLastSevenDays);

/// <summary>Counts over an owner's tasks.</summary>
public sealed record TaskStatistics(
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByProject,
    IReadOnlyDictionary<int, int> ByPriority,
    int Overdue,
    int Archived,
    int CompletedLastSevenDays);

/// <summary>Everything one owner has, as exported and imported.</summary>
public sealed record OwnerExport(
    int FormatVersion,
    DateTimeOffset ExportedAt,
    IReadOnlyList<Project> Projects,
    IReadOnlyList<Category> Categories,
    IReadOnlyList<Memory> Memories,
    IReadOnlyList<TaskItem> Tasks,
    IReadOnlyList<AiInstruction> Instructions);

/// <summary>What an import created and what it found already present.</summary>
public sealed record ImportResult(int Created, int Unchanged);
