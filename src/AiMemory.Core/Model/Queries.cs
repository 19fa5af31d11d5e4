namespace AiMemory.Core.Model;

/// <summary>A page request: at most <see cref="Limit"/> items after the position in <see cref="Cursor"/>.</summary>
/// <param name="Limit">
/// Items per page, from 1 to <see cref="MaxLimit"/>. The store rejects a limit outside that range with a
/// validation error instead of clamping it, so a caller never receives fewer items than it asked for without notice.
/// </param>
/// <param name="Cursor">The opaque cursor of the previous page, or <see langword="null"/> for the first page.</param>
public sealed record PageRequest(int Limit = PageRequest.DefaultLimit, string? Cursor = null)
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The largest page size a store serves.</summary>
    public const int MaxLimit = 100;
}

/// <summary>One page of results and the cursor of the next page, <see langword="null"/> on the last one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>How a tag filter matches: any of the tags, or all of them.</summary>
public enum TagMatch
{
    /// <summary>An item matches when it carries at least one of the tags.</summary>
    Any,

    /// <summary>An item matches when it carries every tag.</summary>
    All,
}

/// <summary>The order of a list or search.</summary>
public enum SortOrder
{
    /// <summary>Best full-text rank first for a search; newest first for a list.</summary>
    Relevance,

    /// <summary>Newest creation time first.</summary>
    Newest,

    /// <summary>Oldest creation time first.</summary>
    Oldest,

    /// <summary>Highest priority first, then newest.</summary>
    Priority,

    /// <summary>Most recently updated first.</summary>
    Updated,
}

/// <summary>Filters for listing or searching memories. Every filter is optional.</summary>
/// <param name="Text">Full-text query; plain user text, operator characters are taken literally.</param>
public sealed record MemoryQuery(
    string? Text = null,
    string? Project = null,
    string? Category = null,
    IReadOnlyList<string>? Tags = null,
    TagMatch TagMatch = TagMatch.Any,
    int? MinPriority = null,
    int? MaxPriority = null,
    DateTimeOffset? CreatedAfter = null,
    DateTimeOffset? CreatedBefore = null,
    SortOrder Sort = SortOrder.Relevance);

/// <summary>Filters for listing or searching tasks. Every filter is optional.</summary>
public sealed record TaskQuery(
    string? Text = null,
    string? Project = null,
    string? Category = null,
    IReadOnlyList<string>? Tags = null,
    TagMatch TagMatch = TagMatch.Any,
    IReadOnlyList<TaskItemStatus>? Statuses = null,
    int? MinPriority = null,
    int? MaxPriority = null,
    DateTimeOffset? DueBefore = null,
    bool IncludeArchived = false,
    SortOrder Sort = SortOrder.Relevance);

/// <summary>Filters for listing AI instructions.</summary>
public sealed record InstructionQuery(
    InstructionScope? Scope = null,
    string? Target = null,
    bool ActiveOnly = true);
