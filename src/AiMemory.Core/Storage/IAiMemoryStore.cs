using AiMemory.Core.Model;

namespace AiMemory.Core.Storage;

/// <summary>
/// A storage backend (PostgreSQL or embedded SQLite). Data is reached only through <see cref="ForOwner"/>,
/// so no query can leave out the owner.
/// </summary>
public interface IAiMemoryStore
{
    /// <summary>The backend name: <c>postgresql</c> or <c>sqlite</c>.</summary>
    string Backend { get; }

    /// <summary>Opens the view of one owner's data. Cheap; no I/O.</summary>
    IOwnerStore ForOwner(string owner);

    /// <summary>Applies pending schema migrations under a lock, so concurrent callers do not race.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks that the database answers. Returns <see langword="false"/> instead of throwing.</summary>
    Task<bool> IsAvailableAsync(CancellationToken cancellationToken = default);
}

/// <summary>One owner's memories, tasks, projects, categories, tags and AI instructions.</summary>
public interface IOwnerStore
{
    /// <summary>The owner every read and write is filtered by.</summary>
    string Owner { get; }

    /// <summary>Memories.</summary>
    IMemoryRepository Memories { get; }

    /// <summary>Tasks.</summary>
    ITaskRepository Tasks { get; }

    /// <summary>Projects.</summary>
    IProjectRepository Projects { get; }

    /// <summary>Categories.</summary>
    ICategoryRepository Categories { get; }

    /// <summary>Tags.</summary>
    ITagRepository Tags { get; }

    /// <summary>AI instructions.</summary>
    IInstructionRepository Instructions { get; }

    /// <summary>Exports everything the owner has.</summary>
    Task<OwnerExport> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Imports an export in one transaction: validates first, then writes everything or nothing.
    /// Records already present (same content) are not duplicated.
    /// </summary>
    Task<ImportResult> ImportAsync(OwnerExport export, CancellationToken cancellationToken = default);
}
