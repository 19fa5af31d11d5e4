namespace AiMemory.Core.Model;

/// <summary>Where an AI instruction applies.</summary>
public enum InstructionScope
{
    /// <summary>Everywhere (<c>global</c>).</summary>
    Global,

    /// <summary>Within one project (<c>project</c>).</summary>
    Project,

    /// <summary>Within one category (<c>category</c>).</summary>
    Category,
}

/// <summary>
/// A stored instruction for the AI assistant. Its text is user content: hosts serve it marked as stored data.
/// </summary>
/// <param name="Target">The project or category name for a scoped instruction; <see langword="null"/> when global.</param>
/// <param name="Priority">Importance from 1 (lowest) to 5 (highest).</param>
/// <param name="Active">Inactive instructions are kept but not applied.</param>
public sealed record AiInstruction(
    long Id,
    string Title,
    string Content,
    InstructionScope Scope,
    string? Target,
    int Priority,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

/// <summary>The fields of a new AI instruction. A scoped instruction names an existing project or category.</summary>
public sealed record AiInstructionDraft(
    string Title,
    string Content,
    InstructionScope Scope = InstructionScope.Global,
    string? Target = null,
    int Priority = 3,
    bool Active = true,
    string? IdempotencyKey = null);

/// <summary>Changes to an AI instruction; a <see langword="null"/> field is left unchanged.</summary>
public sealed record AiInstructionChanges(
    string? Title = null,
    string? Content = null,
    InstructionScope? Scope = null,
    string? Target = null,
    int? Priority = null,
    bool? Active = null);
