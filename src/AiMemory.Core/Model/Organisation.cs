namespace AiMemory.Core.Model;

/// <summary>A project; the name is unique per owner.</summary>
/// <param name="Color">A display colour such as <c>#3366ff</c>, or <see langword="null"/>.</param>
public sealed record Project(
    long Id,
    string Name,
    string? Description,
    string? Color,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>The fields of a new project.</summary>
public sealed record ProjectDraft(string Name, string? Description = null, string? Color = null);

/// <summary>Changes to a project; a <see langword="null"/> field is left unchanged.</summary>
public sealed record ProjectChanges(string? Name = null, string? Description = null, string? Color = null);

/// <summary>A category; the name is unique per owner.</summary>
public sealed record Category(
    long Id,
    string Name,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>The fields of a new category.</summary>
public sealed record CategoryDraft(string Name, string? Description = null);

/// <summary>Changes to a category; a <see langword="null"/> field is left unchanged.</summary>
public sealed record CategoryChanges(string? Name = null, string? Description = null);

/// <summary>A tag and how many memories and tasks carry it.</summary>
public sealed record TagUsage(string Name, int MemoryCount, int TaskCount);
