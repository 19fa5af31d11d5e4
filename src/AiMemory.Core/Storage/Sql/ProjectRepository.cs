using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>Projects of one owner.</summary>
internal sealed class ProjectRepository(OwnerScope scope) : IProjectRepository
{
    private readonly NamedRecords _records = new(scope, "projects", "project", hasColor: true);

    public async Task<Project> CreateAsync(ProjectDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return ToProject(await _records.CreateAsync(draft.Name, draft.Description, draft.Color, cancellationToken).ConfigureAwait(false));
    }

    public async Task<Project?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        await _records.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } row ? ToProject(row) : null;

    public async Task<Project?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        await _records.FindByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } row ? ToProject(row) : null;

    public async Task<Project> UpdateAsync(long id, int expectedVersion, ProjectChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return ToProject(await _records.UpdateAsync(id, expectedVersion, changes.Name, changes.Description, changes.Color, cancellationToken).ConfigureAwait(false));
    }

    public Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        _records.DeleteAsync(id, expectedVersion, cancellationToken);

    public async Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = await _records.ListAsync(page, cancellationToken).ConfigureAwait(false);
        return new Page<Project>(rows.Items.Select(ToProject).ToList(), rows.NextCursor);
    }

    private static Project ToProject(NamedRecords.Row row) =>
        new(row.Id, row.Name, row.Description, row.Color, row.CreatedAt, row.UpdatedAt, row.Version);
}

/// <summary>Categories of one owner.</summary>
internal sealed class CategoryRepository(OwnerScope scope) : ICategoryRepository
{
    private readonly NamedRecords _records = new(scope, "categories", "category", hasColor: false);

    public async Task<Category> CreateAsync(CategoryDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return ToCategory(await _records.CreateAsync(draft.Name, draft.Description, null, cancellationToken).ConfigureAwait(false));
    }

    public async Task<Category?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        await _records.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } row ? ToCategory(row) : null;

    public async Task<Category?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        await _records.FindByNameAsync(name, cancellationToken).ConfigureAwait(false) is { } row ? ToCategory(row) : null;

    public async Task<Category> UpdateAsync(long id, int expectedVersion, CategoryChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return ToCategory(await _records.UpdateAsync(id, expectedVersion, changes.Name, changes.Description, null, cancellationToken).ConfigureAwait(false));
    }

    public Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        _records.DeleteAsync(id, expectedVersion, cancellationToken);

    public async Task<Page<Category>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = await _records.ListAsync(page, cancellationToken).ConfigureAwait(false);
        return new Page<Category>(rows.Items.Select(ToCategory).ToList(), rows.NextCursor);
    }

    private static Category ToCategory(NamedRecords.Row row) =>
        new(row.Id, row.Name, row.Description, row.CreatedAt, row.UpdatedAt, row.Version);
}
