namespace AiMemory.Core.Model;

/// <summary>A stored memory of one owner.</summary>
/// <param name="Id">The identifier, unique within the owner.</param>
/// <param name="Title">A short title.</param>
/// <param name="Content">The text of the memory.</param>
/// <param name="Category">The category name, or <see langword="null"/>.</param>
/// <param name="Project">The project name, or <see langword="null"/>.</param>
/// <param name="Tags">Tag names, normalised (NFC) and unique case-insensitively.</param>
/// <param name="Priority">Importance from 1 (lowest) to 5 (highest).</param>
/// <param name="CreatedAt">Creation time (UTC).</param>
/// <param name="UpdatedAt">Time of the last change (UTC).</param>
/// <param name="Version">Starts at 1 and grows by one with each update; updates and deletes name the version they expect.</param>
public sealed record Memory(
    long Id,
    string Title,
    string Content,
    string? Category,
    string? Project,
    IReadOnlyList<string> Tags,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>The fields of a new memory.</summary>
/// <param name="IdempotencyKey">
/// A client-chosen key: a second create with the same key returns the first memory instead of a duplicate.
/// </param>
public sealed record MemoryDraft(
    string Title,
    string Content,
    string? Category = null,
    string? Project = null,
    IReadOnlyList<string>? Tags = null,
    int Priority = 3,
    string? IdempotencyKey = null);

/// <summary>
/// Changes to a memory. A <see langword="null"/> field is left unchanged; an empty category or project clears it,
/// and an empty tag list removes every tag.
/// </summary>
public sealed record MemoryChanges(
    string? Title = null,
    string? Content = null,
    string? Category = null,
    string? Project = null,
    IReadOnlyList<string>? Tags = null,
    int? Priority = null);

/// <summary>A memory found by a full-text search, with its rank (higher is better).</summary>
public sealed record MemorySearchHit(Memory Memory, double Rank);
