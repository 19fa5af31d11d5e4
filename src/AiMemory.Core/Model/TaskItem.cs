namespace AiMemory.Core.Model;

/// <summary>A task of one owner.</summary>
/// <param name="DueAt">The due time (UTC), or <see langword="null"/>.</param>
/// <param name="CompletedAt">When the status became completed (UTC), or <see langword="null"/>.</param>
/// <param name="Archived">Archived tasks are left out of lists unless asked for.</param>
public sealed record TaskItem(
    long Id,
    string Title,
    string? Description,
    TaskItemStatus Status,
    int Priority,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    bool Archived,
    string? Category,
    string? Project,
    IReadOnlyList<string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>The fields of a new task.</summary>
public sealed record TaskDraft(
    string Title,
    string? Description = null,
    TaskItemStatus Status = TaskItemStatus.NotStarted,
    int Priority = 3,
    DateTimeOffset? DueAt = null,
    string? Category = null,
    string? Project = null,
    IReadOnlyList<string>? Tags = null,
    string? IdempotencyKey = null);

/// <summary>
/// Changes to a task. A <see langword="null"/> field is left unchanged; an empty category or project clears it.
/// Set <see cref="ClearDueAt"/> to remove the due time.
/// </summary>
public sealed record TaskChanges(
    string? Title = null,
    string? Description = null,
    TaskItemStatus? Status = null,
    int? Priority = null,
    DateTimeOffset? DueAt = null,
    bool ClearDueAt = false,
    bool? Archived = null,
    string? Category = null,
    string? Project = null,
    IReadOnlyList<string>? Tags = null);

/// <summary>A task found by a full-text search, with its rank (higher is better).</summary>
public sealed record TaskSearchHit(TaskItem Task, double Rank);
