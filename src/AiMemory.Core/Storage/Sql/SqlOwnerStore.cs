using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>One owner's view of the store; every repository binds the owner to each statement.</summary>
internal sealed class SqlOwnerStore : IOwnerStore
{
    private readonly OwnerScope _scope;

    public SqlOwnerStore(OwnerScope scope)
    {
        _scope = scope;
        MemoryRows = new MemoryRepository(scope);
        TaskRows = new TaskRepository(scope);
        InstructionRows = new InstructionRepository(scope);
        Projects = new ProjectRepository(scope);
        Categories = new CategoryRepository(scope);
        Tags = new TagRepository(scope);
    }

    public string Owner => _scope.Owner;

    public IMemoryRepository Memories => MemoryRows;

    public ITaskRepository Tasks => TaskRows;

    public IProjectRepository Projects { get; }

    public ICategoryRepository Categories { get; }

    public ITagRepository Tags { get; }

    public IInstructionRepository Instructions => InstructionRows;

    internal MemoryRepository MemoryRows { get; }

    internal TaskRepository TaskRows { get; }

    internal InstructionRepository InstructionRows { get; }

    public Task<OwnerExport> ExportAsync(CancellationToken cancellationToken = default) =>
        new OwnerTransfer(_scope, this).ExportAsync(cancellationToken);

    public Task<ImportResult> ImportAsync(OwnerExport export, CancellationToken cancellationToken = default) =>
        new OwnerTransfer(_scope, this).ImportAsync(export, cancellationToken);
}
