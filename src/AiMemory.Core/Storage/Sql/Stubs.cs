using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

internal sealed class TaskRepository(OwnerScope scope) : ITaskRepository
{
    private readonly OwnerScope _scope = scope;
    public Task<TaskItem> CreateAsync(TaskDraft draft, CancellationToken cancellationToken = default) => throw new NotImplementedException(_scope.Owner);
    public Task<IReadOnlyList<TaskItem>> CreateManyAsync(IReadOnlyList<TaskDraft> drafts, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<TaskItem?> GetAsync(long id, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<TaskItem> UpdateAsync(long id, int expectedVersion, TaskChanges changes, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<Page<TaskItem>> ListAsync(TaskQuery query, PageRequest page, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<Page<TaskSearchHit>> SearchAsync(TaskQuery query, PageRequest page, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<TaskStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

internal sealed class TagRepository(OwnerScope scope) : ITagRepository
{
    private readonly OwnerScope _scope = scope;
    public Task<Page<TagUsage>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) => throw new NotImplementedException(_scope.Owner);
    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

internal sealed class InstructionRepository(OwnerScope scope) : IInstructionRepository
{
    private readonly OwnerScope _scope = scope;
    public Task<AiInstruction> CreateAsync(AiInstructionDraft draft, CancellationToken cancellationToken = default) => throw new NotImplementedException(_scope.Owner);
    public Task<IReadOnlyList<AiInstruction>> CreateManyAsync(IReadOnlyList<AiInstructionDraft> drafts, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<AiInstruction?> GetAsync(long id, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<AiInstruction> UpdateAsync(long id, int expectedVersion, AiInstructionChanges changes, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<Page<AiInstruction>> ListAsync(InstructionQuery query, PageRequest page, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<IReadOnlyList<AiInstruction>> GetApplicableAsync(string? project, string? category, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

internal sealed class OwnerTransfer(OwnerScope scope, IOwnerStore store)
{
    private readonly OwnerScope _scope = scope;
    private readonly IOwnerStore _store = store;
    public Task<OwnerExport> ExportAsync(CancellationToken cancellationToken) => throw new NotImplementedException(_scope.Owner + _store.Owner);
    public Task<ImportResult> ImportAsync(OwnerExport export, CancellationToken cancellationToken) => throw new NotImplementedException();
}
