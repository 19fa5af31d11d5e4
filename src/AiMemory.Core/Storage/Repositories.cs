using AiMemory.Core.Model;

namespace AiMemory.Core.Storage;

// Every method throws StoreValidationException for invalid input, RecordNotFoundException for an unknown id,
// VersionConflictException for a stale expected version and StoreUnavailableException when the database is down.

/// <summary>Memories of one owner.</summary>
public interface IMemoryRepository
{
    /// <summary>Creates a memory, with its project, category and tags created on first use.</summary>
    Task<Memory> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Creates many memories in one transaction, all or nothing.</summary>
    Task<IReadOnlyList<Memory>> CreateManyAsync(IReadOnlyList<MemoryDraft> drafts, CancellationToken cancellationToken = default);

    /// <summary>Gets a memory by id, or returns <see langword="null"/>.</summary>
    Task<Memory?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Applies changes when the stored version equals <paramref name="expectedVersion"/>.</summary>
    Task<Memory> UpdateAsync(long id, int expectedVersion, MemoryChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes a memory; with an expected version, only when it matches.</summary>
    Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Lists memories by filters (the text filter is ignored), in a stable order.</summary>
    Task<Page<Memory>> ListAsync(MemoryQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Full-text search, ranked, with the same filters as <see cref="ListAsync"/>.</summary>
    Task<Page<MemorySearchHit>> SearchAsync(MemoryQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Counts by category, project and priority, and recent activity.</summary>
    Task<MemoryStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Tasks of one owner.</summary>
public interface ITaskRepository
{
    /// <summary>Creates a task, with its project, category and tags created on first use.</summary>
    Task<TaskItem> CreateAsync(TaskDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Creates many tasks in one transaction, all or nothing.</summary>
    Task<IReadOnlyList<TaskItem>> CreateManyAsync(IReadOnlyList<TaskDraft> drafts, CancellationToken cancellationToken = default);

    /// <summary>Gets a task by id, or returns <see langword="null"/>.</summary>
    Task<TaskItem?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Applies changes when the stored version equals <paramref name="expectedVersion"/>.</summary>
    Task<TaskItem> UpdateAsync(long id, int expectedVersion, TaskChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes a task; with an expected version, only when it matches.</summary>
    Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Lists tasks by filters (the text filter is ignored), in a stable order.</summary>
    Task<Page<TaskItem>> ListAsync(TaskQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over title and description, ranked, with the same filters.</summary>
    Task<Page<TaskSearchHit>> SearchAsync(TaskQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Counts by status, project and priority, overdue and archived.</summary>
    Task<TaskStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Projects of one owner.</summary>
public interface IProjectRepository
{
    /// <summary>Creates a project, or returns the existing one of that name (an upsert, safe under concurrency).</summary>
    Task<Project> CreateAsync(ProjectDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Gets a project by id, or returns <see langword="null"/>.</summary>
    Task<Project?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Gets a project by name (compared after normalisation, case-insensitively), or returns <see langword="null"/>.</summary>
    Task<Project?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Applies changes when the stored version equals <paramref name="expectedVersion"/>.</summary>
    Task<Project> UpdateAsync(long id, int expectedVersion, ProjectChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes a project; its memories and tasks stay and lose the link.</summary>
    Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Lists projects by name.</summary>
    Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken = default);
}

/// <summary>Categories of one owner.</summary>
public interface ICategoryRepository
{
    /// <summary>Creates a category, or returns the existing one of that name (an upsert, safe under concurrency).</summary>
    Task<Category> CreateAsync(CategoryDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Gets a category by id, or returns <see langword="null"/>.</summary>
    Task<Category?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Gets a category by name, or returns <see langword="null"/>.</summary>
    Task<Category?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Applies changes when the stored version equals <paramref name="expectedVersion"/>.</summary>
    Task<Category> UpdateAsync(long id, int expectedVersion, CategoryChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes a category; its memories and tasks stay and lose the link.</summary>
    Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Lists categories by name.</summary>
    Task<Page<Category>> ListAsync(PageRequest page, CancellationToken cancellationToken = default);
}

/// <summary>Tags of one owner.</summary>
public interface ITagRepository
{
    /// <summary>Lists tags by name with their usage counts.</summary>
    Task<Page<TagUsage>> ListAsync(PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Deletes a tag and removes it from every memory and task. Returns <see langword="false"/> when absent.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>AI instructions of one owner.</summary>
public interface IInstructionRepository
{
    /// <summary>Creates an instruction; a scoped one must name an existing project or category.</summary>
    Task<AiInstruction> CreateAsync(AiInstructionDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Creates many instructions in one transaction, all or nothing.</summary>
    Task<IReadOnlyList<AiInstruction>> CreateManyAsync(
        IReadOnlyList<AiInstructionDraft> drafts,
        CancellationToken cancellationToken = default);

    /// <summary>Gets an instruction by id, or returns <see langword="null"/>.</summary>
    Task<AiInstruction?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Applies changes when the stored version equals <paramref name="expectedVersion"/>.</summary>
    Task<AiInstruction> UpdateAsync(
        long id,
        int expectedVersion,
        AiInstructionChanges changes,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes an instruction; with an expected version, only when it matches.</summary>
    Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Lists instructions by filters, highest priority first.</summary>
    Task<Page<AiInstruction>> ListAsync(InstructionQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the active instructions that apply: global ones, plus those of the named project and category,
    /// highest priority first.
    /// </summary>
    Task<IReadOnlyList<AiInstruction>> GetApplicableAsync(
        string? project,
        string? category,
        CancellationToken cancellationToken = default);
}
