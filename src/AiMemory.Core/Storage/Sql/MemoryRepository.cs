using System.Data.Common;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>Memories of one owner on either backend.</summary>
internal sealed partial class MemoryRepository(OwnerScope scope) : IMemoryRepository
{
    private const string Kind = "memory";

    internal const string SelectColumns =
        "m.id, m.title, m.content, c.name, p.name, m.priority, m.created_at, m.updated_at, m.version";

    internal const string JoinNames =
        " LEFT JOIN categories c ON c.owner = m.owner AND c.id = m.category_id" +
        " LEFT JOIN projects p ON p.owner = m.owner AND p.id = m.project_id";

    private static readonly SearchTarget Target = new("memories", "m", "title", "content");

    public async Task<Memory> CreateAsync(MemoryDraft draft, CancellationToken cancellationToken = default)
    {
        var valid = Validate(draft, "memory");
        return await scope.WriteAsync(
            (connection, transaction) => InsertAsync(connection, transaction, valid, scope.Database.Now(), null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Memory>> CreateManyAsync(IReadOnlyList<MemoryDraft> drafts, CancellationToken cancellationToken = default)
    {
        StoreValidation.Batch(drafts, "memories");
        var valid = drafts.Select((draft, index) => Validate(draft, $"memories[{index}]")).ToList();
        if (valid.All(draft => draft.IdempotencyKey is null))
        {
            return await scope.WriteAsync(
                (connection, transaction) => BulkInsert.MemoriesAsync(scope, connection, transaction, valid, scope.Database.Now(), cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }

        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var now = scope.Database.Now();
                var cache = new LinkCache();
                var created = new List<Memory>(valid.Count);
                foreach (var draft in valid)
                {
                    created.Add(await InsertAsync(connection, transaction, draft, now, cache, cancellationToken).ConfigureAwait(false));
                }

                return (IReadOnlyList<Memory>)created;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<Memory?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        scope.ReadAsync(connection => GetAsync(connection, null, id, cancellationToken), cancellationToken);

    public async Task<Memory> UpdateAsync(long id, int expectedVersion, MemoryChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Title is not null)
        {
            StoreValidation.Title(changes.Title);
        }

        if (changes.Content is not null)
        {
            StoreValidation.Content(changes.Content, "content");
        }

        if (changes.Priority is { } priority)
        {
            StoreValidation.Priority(priority);
        }

        var tags = changes.Tags is null ? null : NameKey.Tags(changes.Tags);
        ValidateOptionalName(changes.Project, "project");
        ValidateOptionalName(changes.Category, "category");

        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var now = scope.Database.Now();
                var query = scope.Query();
                query.Append("UPDATE memories SET version = version + 1, updated_at = ").Append(query.Parameter(scope.Time(now)));
                if (changes.Title is not null)
                {
                    query.Append(", title = ").Append(query.Parameter(changes.Title));
                }

                if (changes.Content is not null)
                {
                    query.Append(", content = ").Append(query.Parameter(changes.Content));
                }

                if (changes.Priority is { } newPriority)
                {
                    query.Append(", priority = ").Append(query.Parameter(newPriority));
                }

                if (changes.Project is not null)
                {
                    var project = await Links.ProjectAsync(scope, connection, transaction, changes.Project, now, null, cancellationToken).ConfigureAwait(false);
                    query.Append(", project_id = ").Append(query.Parameter(project?.Id));
                }

                if (changes.Category is not null)
                {
                    var category = await Links.CategoryAsync(scope, connection, transaction, changes.Category, now, null, cancellationToken).ConfigureAwait(false);
                    query.Append(", category_id = ").Append(query.Parameter(category?.Id));
                }

                query.Append($" WHERE owner = @owner AND id = {query.Parameter(id)} AND version = {query.Parameter(expectedVersion)}");
                using (var command = query.CreateCommand(connection, transaction))
                {
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw await MissOrConflictAsync(scope, connection, transaction, "memories", Kind, id, expectedVersion, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (tags is not null)
                {
                    await Links.SetTagsAsync(scope, connection, transaction, TagTable.Memories, id, tags, replace: true, null, cancellationToken).ConfigureAwait(false);
                }

                return (await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        DeleteRecordAsync(scope, "memories", Kind, id, expectedVersion, cancellationToken);

    internal static void ValidateOptionalName(string? name, string field)
    {
        if (!string.IsNullOrEmpty(name))
        {
            NameKey.Normalize(name, field);
        }
    }

    /// <summary>Deletes a record by id, checking the version when one is given; used by every versioned kind.</summary>
    internal static Task DeleteRecordAsync(OwnerScope scope, string table, string kind, long id, int? expectedVersion, CancellationToken cancellationToken) =>
        scope.WriteAsync(
            async (connection, transaction) =>
            {
                var sql = $"DELETE FROM {table} WHERE owner = @owner AND id = @id" + (expectedVersion is null ? "" : " AND version = @version");
                using var command = scope.Command(connection, transaction, sql).With("@id", id);
                if (expectedVersion is { } version)
                {
                    command.With("@version", version);
                }

                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw await MissOrConflictAsync(scope, connection, transaction, table, kind, id, expectedVersion ?? 0, cancellationToken).ConfigureAwait(false);
                }

                await Idempotency.ForgetAsync(scope, connection, transaction, kind, id, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    /// <summary>Explains why a versioned write touched no row: the record is missing, or its version moved on.</summary>
    internal static async Task<StoreException> MissOrConflictAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        string table,
        string kind,
        long id,
        int expectedVersion,
        CancellationToken cancellationToken)
    {
        using var command = scope.Command(connection, transaction, $"SELECT version FROM {table} WHERE owner = @owner AND id = @id").With("@id", id);
        var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return version is null or DBNull
            ? new RecordNotFoundException(kind, id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : new VersionConflictException(kind, id, expectedVersion, Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static MemoryDraft Validate(MemoryDraft draft, string field)
    {
        ArgumentNullException.ThrowIfNull(draft);
        StoreValidation.Title(draft.Title, $"{field} title");
        StoreValidation.Content(draft.Content, $"{field} content");
        StoreValidation.Priority(draft.Priority, $"{field} priority");
        ValidateOptionalName(draft.Project, $"{field} project");
        ValidateOptionalName(draft.Category, $"{field} category");
        return draft with
        {
            Tags = NameKey.Tags(draft.Tags),
            IdempotencyKey = StoreValidation.IdempotencyKey(draft.IdempotencyKey),
        };
    }

    private async Task<Memory> InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        MemoryDraft draft,
        DateTimeOffset now,
        LinkCache? cache,
        CancellationToken cancellationToken)
    {
        if (draft.IdempotencyKey is { } key)
        {
            var existingId = await Idempotency.ClaimAsync(scope, connection, transaction, Kind, key, now, cancellationToken).ConfigureAwait(false);
            if (existingId is { } id && await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }
        }

        var memory = await InsertRowAsync(connection, transaction, draft, id: null, now, now, version: 1, cache, cancellationToken).ConfigureAwait(false);
        if (draft.IdempotencyKey is { } claimedKey)
        {
            await Idempotency.CompleteAsync(scope, connection, transaction, Kind, claimedKey, memory.Id, cancellationToken).ConfigureAwait(false);
        }

        return memory;
    }

    /// <summary>Inserts one memory row with its links; an import passes the id, times and version it keeps.</summary>
    internal async Task<Memory> InsertRowAsync(
        DbConnection connection,
        DbTransaction transaction,
        MemoryDraft draft,
        long? id,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        int version,
        LinkCache? cache,
        CancellationToken cancellationToken)
    {
        var project = await Links.ProjectAsync(scope, connection, transaction, draft.Project, createdAt, cache, cancellationToken).ConfigureAwait(false);
        var category = await Links.CategoryAsync(scope, connection, transaction, draft.Category, createdAt, cache, cancellationToken).ConfigureAwait(false);
        var (extraColumns, extraValues) = scope.Dialect.SearchableInsertExtras("memories");
        var idValue = id is null ? scope.Dialect.NextId("memories") : "@id";
        using var command = scope.Command(
            connection,
            transaction,
            $"INSERT INTO memories (owner, id, title, content, category_id, project_id, priority, created_at, updated_at, version{extraColumns}) " +
            $"VALUES (@owner, {idValue}, @title, @content, @category, @project, @priority, @created, @updated, @version{extraValues}) RETURNING id");
        command.With("@title", draft.Title).With("@content", draft.Content).With("@category", category?.Id).With("@project", project?.Id)
            .With("@priority", draft.Priority).With("@created", scope.Time(createdAt)).With("@updated", scope.Time(updatedAt))
            .With("@version", version);
        if (id is { } explicitId)
        {
            command.With("@id", explicitId);
        }

        var newId = await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        var tags = await Links.SetTagsAsync(scope, connection, transaction, TagTable.Memories, newId, draft.Tags!, replace: false, cache, cancellationToken).ConfigureAwait(false);
        return new Memory(
            newId,
            draft.Title,
            draft.Content,
            category?.Name,
            project?.Name,
            tags,
            draft.Priority,
            SqlDatabase.Truncate(createdAt),
            SqlDatabase.Truncate(updatedAt),
            version);
    }

    private async Task<Memory?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var query = scope.Query();
        query.Append($"SELECT {SelectColumns} FROM memories m{JoinNames} WHERE m.owner = @owner AND m.id = {query.Parameter(id)}");
        var rows = await ReadRowsAsync(connection, transaction, query, withRank: false, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].Memory;
    }

    internal async Task<List<MemorySearchHit>> ReadRowsAsync(
        DbConnection connection,
        DbTransaction? transaction,
        SqlQuery query,
        bool withRank,
        CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string Title, string Content, string? Category, string? Project, int Priority, DateTimeOffset Created, DateTimeOffset Updated, int Version, double Rank)>();
        using (var command = query.CreateCommand(connection, transaction))
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((
                    reader.GetLong(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetNullableString(3),
                    reader.GetNullableString(4),
                    reader.GetInt(5),
                    scope.Dialect.ReadTime(reader, 6),
                    scope.Dialect.ReadTime(reader, 7),
                    reader.GetInt(8),
                    withRank ? Convert.ToDouble(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture) : 0));
            }
        }

        var tags = await Links.LoadTagsAsync(scope, connection, transaction, TagTable.Memories, rows.Select(row => row.Id).ToList(), cancellationToken).ConfigureAwait(false);
        return rows.Select(row => new MemorySearchHit(
            new Memory(
                row.Id,
                row.Title,
                row.Content,
                row.Category,
                row.Project,
                tags.TryGetValue(row.Id, out var names) ? names.ToArray() : [],
                row.Priority,
                row.Created,
                row.Updated,
                row.Version),
            row.Rank)).ToList();
    }
}
