using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp.Results;

/// <summary>The result of a create or update: the stored record and what the sanitiser removed from the input.</summary>
internal sealed record WriteResult<T>(T Item, IReadOnlyList<string> Sanitized);

/// <summary>The result of a read of one record.</summary>
internal sealed record ItemResult<T>(T Item);

/// <summary>
/// The result of a batch create: the id, title and version of every stored record, in input order. The records
/// themselves are left out because they repeat the input; read one with its get tool.
/// </summary>
internal sealed record BatchResult(IReadOnlyList<CreatedRecord> Items, int Created, IReadOnlyList<string> Sanitized);

/// <summary>A record that a batch create stored.</summary>
internal sealed record CreatedRecord(long Id, string Title, int Version);

/// <summary>
/// One page of a list, search or export. <see cref="NextCursor"/> is <see langword="null"/> on the last page;
/// <see cref="Truncated"/> is true when the response budget cut the page short, and <see cref="Note"/> explains how to continue.
/// </summary>
internal sealed record PageResult<T>(
    IReadOnlyList<T> Items,
    string? NextCursor,
    bool Truncated,
    string? Note,
    IReadOnlyList<string> Sanitized);

/// <summary>The result of a delete.</summary>
internal sealed record DeleteResult(string Kind, string Id, bool Deleted);

/// <summary>The result of an import.</summary>
internal sealed record ImportSummary(int Received, int Created, int Unchanged, IReadOnlyList<string> Sanitized);

/// <summary>The fixed list of task statuses.</summary>
internal sealed record StatusList(IReadOnlyList<TaskStatusValue> Statuses, IReadOnlyList<StatusDescription> Descriptions);

/// <summary>A task status and what it means.</summary>
internal sealed record StatusDescription(TaskStatusValue Status, string Meaning);

/// <summary>Memory statistics; <see cref="Note"/> is set when the per-project or per-category counts were shortened.</summary>
internal sealed record MemoryStatisticsResult(MemoryStatistics Statistics, string? Note);

/// <summary>Task statistics; <see cref="Note"/> is set when the per-project counts were shortened.</summary>
internal sealed record TaskStatisticsResult(TaskStatistics Statistics, string? Note);

/// <summary>
/// The AI instructions that apply, as records and as one text marked as stored content. <see cref="Truncated"/>
/// is true when the response budget left some out, and <see cref="Note"/> gives how many.
/// </summary>
internal sealed record InstructionSet(
    IReadOnlyList<InstructionView> Instructions,
    string Boundary,
    string MarkedText,
    bool Truncated,
    string? Note);
