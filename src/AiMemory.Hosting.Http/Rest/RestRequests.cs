using AiMemory.Core.Model;

namespace AiMemory.Hosting.Http.Rest;

// Request bodies of the REST API. Every member is nullable so that a missing field is reported by name, not as a
// serializer error.

/// <summary>The body of <c>POST /api/memory/store</c>.</summary>
internal sealed record StoreMemoryRequest(
    string? Title,
    string? Content,
    string? Category,
    string? Project,
    IReadOnlyList<string?>? Tags,
    int? Priority,
    string? IdempotencyKey);

/// <summary>The body of <c>PUT /api/memory/{id}</c>; <see cref="Version"/> is the version last read.</summary>
internal sealed record UpdateMemoryRequest(
    int? Version,
    string? Title,
    string? Content,
    string? Category,
    string? Project,
    IReadOnlyList<string?>? Tags,
    int? Priority);

/// <summary>The body of <c>POST /api/memory/search</c> and <c>POST /api/task/search</c>.</summary>
internal sealed record SearchRequest(
    string? Query,
    string? Project,
    string? Category,
    IReadOnlyList<string?>? Tags,
    TagMatch? TagMatch,
    int? MinPriority,
    int? MaxPriority,
    IReadOnlyList<TaskItemStatus>? Statuses,
    bool? IncludeArchived,
    int? Limit,
    string? Cursor);

/// <summary>The body of <c>POST /api/task/store</c>.</summary>
internal sealed record StoreTaskRequest(
    string? Title,
    string? Description,
    TaskItemStatus? Status,
    int? Priority,
    DateTimeOffset? DueAt,
    string? Category,
    string? Project,
    IReadOnlyList<string?>? Tags,
    string? IdempotencyKey);

/// <summary>The body of <c>PUT /api/task/{id}</c>.</summary>
internal sealed record UpdateTaskRequest(
    int? Version,
    string? Title,
    string? Description,
    TaskItemStatus? Status,
    int? Priority,
    DateTimeOffset? DueAt,
    bool? ClearDueAt,
    bool? Archived,
    string? Category,
    string? Project,
    IReadOnlyList<string?>? Tags);

/// <summary>The body of <c>POST /api/project/store</c> and <c>PUT /api/project/{id}</c>.</summary>
internal sealed record ProjectRequest(int? Version, string? Name, string? Description, string? Color);

/// <summary>The body of <c>POST /api/instruction/store</c> and <c>PUT /api/instruction/{id}</c>.</summary>
internal sealed record InstructionRequest(
    int? Version,
    string? Title,
    string? Content,
    InstructionScope? Scope,
    string? Target,
    int? Priority,
    bool? Active,
    string? IdempotencyKey);

/// <summary>One page of items and the cursor of the next page.</summary>
internal sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
