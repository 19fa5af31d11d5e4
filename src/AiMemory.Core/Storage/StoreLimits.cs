namespace AiMemory.Core.Storage;

/// <summary>
/// The largest values the store accepts. The input sanitiser upstream applies tighter limits per field; these
/// bounds only keep absurd input from reaching the database.
/// </summary>
public static class StoreLimits
{
    /// <summary>The maximum length of an owner id, in UTF-16 code units.</summary>
    public const int MaxOwnerLength = 200;

    /// <summary>The maximum length of a title, in UTF-16 code units.</summary>
    public const int MaxTitleLength = 1_000;

    /// <summary>
    /// The maximum length of memory content, a task description or instruction content, in UTF-16 code units.
    /// PostgreSQL's text search vector is limited to 1 MiB, which longer text could exceed.
    /// </summary>
    public const int MaxContentLength = 262_144;

    /// <summary>The maximum length of a project, category or tag name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The maximum length of a project or category description.</summary>
    public const int MaxDescriptionLength = 10_000;

    /// <summary>The maximum length of a project colour.</summary>
    public const int MaxColorLength = 32;

    /// <summary>The maximum number of tags on one memory or task.</summary>
    public const int MaxTagsPerItem = 50;

    /// <summary>The maximum length of an idempotency key.</summary>
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>The maximum length of a search text.</summary>
    public const int MaxSearchTextLength = 1_000;

    /// <summary>The maximum number of records in one batch create. An owner import has no count limit.</summary>
    public const int MaxBatchSize = 100_000;
}
