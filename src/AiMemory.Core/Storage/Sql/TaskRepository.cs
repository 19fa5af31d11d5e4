using System.Data.Common;
using System.Globalization;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>Tasks of one owner on either backend.</summary>
internal sealed partial class TaskRepository(OwnerScope scope) : ITaskRepository
{
    private const string Kind = "task";

    internal const string SelectColumns =
        "t.id, t.title, t.description, t.status, t.priority, t.due_at, t.completed_at, t.archived, c.name, p.name, " +
        "t.created_at, t.updated_at, t.version";

    internal const string JoinNames =
        " LEFT JOIN categories c ON c.owner = t.owner AND c.id = t.category_id" +
        " LEFT JOIN projects p ON p.owner = t.owner AND p.id = t.project_id";

    private static readonly SearchTarget Target = new("tasks", "t", "title", "description");

    public async Task<TaskItem> CreateAsync(TaskDraft draft, CancellationToken cancellationToken = default)
    {
        var valid = Validate(draft, "task");
        return await scope.WriteAsync(
            (connection, transaction) => InsertAsync(connection, transaction, valid, scope.Database.Now(), null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TaskItem>> CreateManyAsync(IReadOnlyList<TaskDraft> drafts, CancellationToken cancellationToken = default)
    {
        StoreValidation.Batch(drafts, "tasks");
        var valid = drafts.Select((draft, index) => Validate(draft, $"tasks[{index}]")).ToList();
        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var now = scope.Database.Now();
                var cache = new LinkCache();
                var created = new List<TaskItem>(valid.Count);
                foreach (var draft in valid)
                {
                    created.Add(await InsertAsync(connection, transaction, draft, now, cache, cancellationToken).ConfigureAwait(false));
                }

                return (IReadOnlyList<TaskItem>)created;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<TaskItem?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        scope.ReadAsync(connection => GetAsync(connection, null, id, cancellationToken), cancellationToken);

    public async Task<TaskItem> UpdateAsync(long id, int expectedVersion, TaskChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ValidateChanges(changes);
        var tags = changes.Tags is null ? null : NameKey.Tags(changes.Tags);
        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var now = scope.Database.Now();
                var query = scope.Query();
                var nowParameter = query.Parameter(scope.Time(now));
                query.Append($"UPDATE tasks SET version = version + 1, updated_at = {nowParameter}");
                AppendField(query, "title", changes.Title);
                if (changes.Description is not null)
                {
                    AppendField(query, "description", changes.Description.Length == 0 ? null : changes.Description, setNull: true);
                }

                if (changes.Status is { } status)
                {
                    AppendField(query, "status", status.ToName());

                    // Column references in SET read the row before the update, so completed_at keeps its first value.
                    query.Append(status == TaskItemStatus.Completed
                        ? $", completed_at = CASE WHEN status = 'completed' THEN completed_at ELSE {nowParameter} END"
                        : ", completed_at = NULL");
                }

                if (changes.Priority is { } priority)
                {
                    AppendField(query, "priority", priority);
                }

                if (changes.ClearDueAt)
                {
                    query.Append(", due_at = NULL");
                }
                else if (changes.DueAt is { } dueAt)
                {
                    AppendField(query, "due_at", scope.Time(dueAt));
                }

                if (changes.Archived is { } archived)
                {
                    AppendField(query, "archived", archived);
                }

                if (changes.Project is not null)
                {
                    var project = await Links.ProjectAsync(scope, connection, transaction, changes.Project, now, null, cancellationToken).ConfigureAwait(false);
                    AppendField(query, "project_id", project?.Id, setNull: true);
                }

                if (changes.Category is not null)
                {
                    var category = await Links.CategoryAsync(scope, connection, transaction, changes.Category, now, null, cancellationToken).ConfigureAwait(false);
                    AppendField(query, "category_id", category?.Id, setNull: true);
                }

                query.Append($" WHERE owner = @owner AND id = {query.Parameter(id)} AND version = {query.Parameter(expectedVersion)}");
                using (var command = query.CreateCommand(connection, transaction))
                {
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw await MemoryRepository.MissOrConflictAsync(scope, connection, transaction, "tasks", Kind, id, expectedVersion, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (tags is not null)
                {
                    await Links.SetTagsAsync(scope, connection, transaction, TagTable.Tasks, id, tags, replace: true, null, cancellationToken).ConfigureAwait(false);
                }

                return (await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        MemoryRepository.DeleteRecordAsync(scope, "tasks", Kind, id, expectedVersion, cancellationToken);

    private static void AppendField(SqlQuery query, string column, object? value, bool setNull = false)
    {
        if (value is not null || setNull)
        {
            query.Append($", {column} = {query.Parameter(value)}");
        }
    }

    private static void ValidateChanges(TaskChanges changes)
    {
        if (changes.Title is not null)
        {
            StoreValidation.Title(changes.Title);
        }

        StoreValidation.OptionalText(changes.Description, "description", StoreLimits.MaxContentLength);
        if (changes.Status is { } status)
        {
            StoreValidation.Status(status);
        }

        if (changes.Priority is { } priority)
        {
            StoreValidation.Priority(priority);
        }

        MemoryRepository.ValidateOptionalName(changes.Project, "project");
        MemoryRepository.ValidateOptionalName(changes.Category, "category");
    }

    internal static TaskDraft Validate(TaskDraft draft, string field)
    {
        ArgumentNullException.ThrowIfNull(draft);
        StoreValidation.Title(draft.Title, $"{field} title");
        StoreValidation.OptionalText(draft.Description, $"{field} description", StoreLimits.MaxContentLength);
        StoreValidation.Status(draft.Status);
        StoreValidation.Priority(draft.Priority, $"{field} priority");
        MemoryRepository.ValidateOptionalName(draft.Project, $"{field} project");
        MemoryRepository.ValidateOptionalName(draft.Category, $"{field} category");
        return draft with
        {
            Tags = NameKey.Tags(draft.Tags),
            IdempotencyKey = StoreValidation.IdempotencyKey(draft.IdempotencyKey),
        };
    }

    private async Task<TaskItem> InsertAsync(DbConnection connection, DbTransaction transaction, TaskDraft draft, DateTimeOffset now, LinkCache? cache, CancellationToken cancellationToken)
    {
        if (draft.IdempotencyKey is { } key)
        {
            var existingId = await Idempotency.ClaimAsync(scope, connection, transaction, Kind, key, now, cancellationToken).ConfigureAwait(false);
            if (existingId is { } id && await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }
        }

        var completedAt = draft.Status == TaskItemStatus.Completed ? now : (DateTimeOffset?)null;
        var task = await InsertRowAsync(connection, transaction, draft, null, completedAt, archived: false, now, now, 1, cache, cancellationToken).ConfigureAwait(false);
        if (draft.IdempotencyKey is { } claimedKey)
        {
            await Idempotency.CompleteAsync(scope, connection, transaction, Kind, claimedKey, task.Id, cancellationToken).ConfigureAwait(false);
        }

        return task;
    }

    /// <summary>Inserts one task row with its links; an import passes the id, times and version it keeps.</summary>
    internal async Task<TaskItem> InsertRowAsync(
        DbConnection connection,
        DbTransaction transaction,
        TaskDraft draft,
        long? id,
        DateTimeOffset? completedAt,
        bool archived,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        int version,
        LinkCache? cache,
        CancellationToken cancellationToken)
    {
        var project = await Links.ProjectAsync(scope, connection, transaction, draft.Project, createdAt, cache, cancellationToken).ConfigureAwait(false);
        var category = await Links.CategoryAsync(scope, connection, transaction, draft.Category, createdAt, cache, cancellationToken).ConfigureAwait(false);
        var (extraColumns, extraValues) = scope.Dialect.SearchableInsertExtras("tasks");
        var idValue = id is null ? scope.Dialect.NextId("tasks") : "@id";
        using var command = scope.Command(
            connection,
            transaction,
            "INSERT INTO tasks (owner, id, title, description, status, priority, due_at, completed_at, archived, category_id, project_id, " +
            $"created_at, updated_at, version{extraColumns}) VALUES (@owner, {idValue}, @title, @description, @status, @priority, @due, " +
            $"@completed, @archived, @category, @project, @created, @updated, @version{extraValues}) RETURNING id");
        command.With("@title", draft.Title).With("@description", draft.Description).With("@status", draft.Status.ToName())
            .With("@priority", draft.Priority).With("@due", scope.Time(draft.DueAt)).With("@completed", scope.Time(completedAt))
            .With("@archived", archived).With("@category", category?.Id).With("@project", project?.Id)
            .With("@created", scope.Time(createdAt)).With("@updated", scope.Time(updatedAt)).With("@version", version);
        if (id is { } explicitId)
        {
            command.With("@id", explicitId);
        }

        var newId = await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        var tags = await Links.SetTagsAsync(scope, connection, transaction, TagTable.Tasks, newId, draft.Tags!, replace: false, cache, cancellationToken).ConfigureAwait(false);
        return new TaskItem(
            newId,
            draft.Title,
            draft.Description,
            draft.Status,
            draft.Priority,
            draft.DueAt is { } due ? SqlDatabase.Truncate(due) : null,
            completedAt is { } completed ? SqlDatabase.Truncate(completed) : null,
            archived,
            category?.Name,
            project?.Name,
            tags,
            SqlDatabase.Truncate(createdAt),
            SqlDatabase.Truncate(updatedAt),
            version);
    }

    private async Task<TaskItem?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var query = scope.Query();
        query.Append($"SELECT {SelectColumns} FROM tasks t{JoinNames} WHERE t.owner = @owner AND t.id = {query.Parameter(id)}");
        var rows = await ReadRowsAsync(connection, transaction, query, withRank: false, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].Task;
    }

    internal async Task<List<TaskSearchHit>> ReadRowsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        SqlQuery query,
        bool withRank,
        CancellationToken cancellationToken)
    {
        var rows = new List<(TaskItem Task, double Rank)>();
        using (var command = query.CreateCommand(connection, transaction))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            var dialect = scope.Dialect;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var statusName = reader.GetString(3);
                if (!TaskItemStatusNames.TryParse(statusName, out var status))
                {
                    throw new InvalidOperationException($"The stored task status '{statusName}' is not a known status.");
                }

                var task = new TaskItem(
                    reader.GetLong(0),
                    reader.GetString(1),
                    reader.GetNullableString(2),
                    status.Value,
                    reader.GetInt(4),
                    reader.IsDBNull(5) ? null : dialect.ReadTime(reader, 5),
                    reader.IsDBNull(6) ? null : dialect.ReadTime(reader, 6),
                    reader.GetBool(7),
                    reader.GetNullableString(8),
                    reader.GetNullableString(9),
                    [],
                    dialect.ReadTime(reader, 10),
                    dialect.ReadTime(reader, 11),
                    reader.GetInt(12));
                rows.Add((task, withRank ? Convert.ToDouble(reader.GetValue(13), CultureInfo.InvariantCulture) : 0));
            }
        }

        var tags = await Links.LoadTagsAsync(scope, connection, transaction, TagTable.Tasks, rows.Select(row => row.Task.Id).ToList(), cancellationToken).ConfigureAwait(false);
        return rows.Select(row => new TaskSearchHit(
            row.Task with { Tags = tags.TryGetValue(row.Task.Id, out var names) ? names.ToArray() : [] },
            row.Rank)).ToList();
    }
}
