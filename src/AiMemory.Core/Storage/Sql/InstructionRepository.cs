using System.Data.Common;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// AI instructions of one owner. A scoped instruction has a foreign key to its project or category, so the target
/// must exist, and deleting the target deletes the instruction.
/// </summary>
internal sealed class InstructionRepository(OwnerScope scope) : IInstructionRepository
{
    private const string Kind = "instruction";

    internal const string SelectColumns =
        "i.id, i.title, i.content, i.scope, p.name, c.name, i.priority, i.active, i.created_at, i.updated_at, i.version";

    internal const string FromJoined =
        " FROM instructions i LEFT JOIN projects p ON p.owner = i.owner AND p.id = i.project_id" +
        " LEFT JOIN categories c ON c.owner = i.owner AND c.id = i.category_id";

    public async Task<AiInstruction> CreateAsync(AiInstructionDraft draft, CancellationToken cancellationToken = default)
    {
        var valid = Validate(draft, "instruction");
        return await scope.WriteAsync(
            (connection, transaction) => InsertAsync(connection, transaction, valid, scope.Database.Now(), cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AiInstruction>> CreateManyAsync(IReadOnlyList<AiInstructionDraft> drafts, CancellationToken cancellationToken = default)
    {
        StoreValidation.Batch(drafts, "instructions");
        var valid = drafts.Select((draft, index) => Validate(draft, $"instructions[{index}]")).ToList();
        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var now = scope.Database.Now();
                var created = new List<AiInstruction>(valid.Count);
                foreach (var draft in valid)
                {
                    created.Add(await InsertAsync(connection, transaction, draft, now, cancellationToken).ConfigureAwait(false));
                }

                return (IReadOnlyList<AiInstruction>)created;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<AiInstruction?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        scope.ReadAsync(connection => GetAsync(connection, null, id, cancellationToken), cancellationToken);

    public async Task<AiInstruction> UpdateAsync(long id, int expectedVersion, AiInstructionChanges changes, CancellationToken cancellationToken = default)
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

        if (changes.Scope is { } newScope)
        {
            StoreValidation.Scope(newScope);
        }

        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var current = await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false)
                    ?? throw new RecordNotFoundException(Kind, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (current.Version != expectedVersion)
                {
                    throw new VersionConflictException(Kind, id, expectedVersion, current.Version);
                }

                var targetScope = changes.Scope ?? current.Scope;
                var target = changes.Target ?? (changes.Scope is null || changes.Scope == current.Scope ? current.Target : null);
                var (projectId, categoryId) = await ResolveTargetAsync(connection, transaction, targetScope, target, "target", cancellationToken).ConfigureAwait(false);

                var query = scope.Query();
                query.Append($"UPDATE instructions SET version = version + 1, updated_at = {query.Parameter(scope.Time(scope.Database.Now()))}");
                query.Append($", title = {query.Parameter(changes.Title ?? current.Title)}, content = {query.Parameter(changes.Content ?? current.Content)}");
                query.Append($", scope = {query.Parameter(ScopeName(targetScope))}, project_id = {query.Parameter(projectId)}, category_id = {query.Parameter(categoryId)}");
                query.Append($", priority = {query.Parameter(changes.Priority ?? current.Priority)}, active = {query.Parameter(changes.Active ?? current.Active)}");
                query.Append($" WHERE owner = @owner AND id = {query.Parameter(id)} AND version = {query.Parameter(expectedVersion)}");
                using (var command = query.CreateCommand(connection, transaction))
                {
                    if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                    {
                        throw await MemoryRepository.MissOrConflictAsync(scope, connection, transaction, "instructions", Kind, id, expectedVersion, cancellationToken).ConfigureAwait(false);
                    }
                }

                return (await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(long id, int? expectedVersion = null, CancellationToken cancellationToken = default) =>
        MemoryRepository.DeleteRecordAsync(scope, "instructions", Kind, id, expectedVersion, cancellationToken);

    public async Task<Page<AiInstruction>> ListAsync(InstructionQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = PageCursor.Limit(page);
        var offset = PageCursor.Offset(page.Cursor);
        var sql = scope.Query();
        sql.Append($"SELECT {SelectColumns}{FromJoined} WHERE i.owner = @owner");
        if (query.Scope is { } scopeFilter)
        {
            sql.Append($" AND i.scope = {sql.Parameter(ScopeName(StoreValidation.Scope(scopeFilter)))}");
        }

        if (!string.IsNullOrWhiteSpace(query.Target))
        {
            var key = sql.Parameter(NameKey.Of(NameKey.Normalize(query.Target, "target")));
            sql.Append($" AND ((i.scope = 'project' AND p.name_key = {key}) OR (i.scope = 'category' AND c.name_key = {key}))");
        }

        if (query.ActiveOnly)
        {
            sql.Append($" AND i.active = {sql.Parameter(true)}");
        }

        sql.Append($" ORDER BY i.priority DESC, i.id DESC LIMIT {limit + 1} OFFSET {offset}");
        var rows = await scope.ReadAsync(connection => ReadAsync(connection, null, sql, cancellationToken), cancellationToken).ConfigureAwait(false);
        var next = rows.Count > limit ? PageCursor.OffsetAfter(offset + limit) : null;
        return new Page<AiInstruction>(rows.Take(limit).ToList(), next);
    }

    public async Task<IReadOnlyList<AiInstruction>> GetApplicableAsync(string? project, string? category, CancellationToken cancellationToken = default)
    {
        var sql = scope.Query();
        sql.Append($"SELECT {SelectColumns}{FromJoined} WHERE i.owner = @owner AND i.active = {sql.Parameter(true)} AND (i.scope = 'global'");
        if (!string.IsNullOrWhiteSpace(project))
        {
            sql.Append($" OR (i.scope = 'project' AND p.name_key = {sql.Parameter(NameKey.Of(NameKey.Normalize(project, "project")))})");
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            sql.Append($" OR (i.scope = 'category' AND c.name_key = {sql.Parameter(NameKey.Of(NameKey.Normalize(category, "category")))})");
        }

        sql.Append(") ORDER BY i.priority DESC, i.id DESC");
        return await scope.ReadAsync(connection => ReadAsync(connection, null, sql, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    internal static string ScopeName(InstructionScope scope) => scope switch
    {
        InstructionScope.Project => "project",
        InstructionScope.Category => "category",
        _ => "global",
    };

    internal static AiInstructionDraft Validate(AiInstructionDraft draft, string field)
    {
        ArgumentNullException.ThrowIfNull(draft);
        StoreValidation.Title(draft.Title, $"{field} title");
        StoreValidation.Content(draft.Content, $"{field} content");
        StoreValidation.Scope(draft.Scope);
        StoreValidation.Priority(draft.Priority, $"{field} priority");
        return draft with { IdempotencyKey = StoreValidation.IdempotencyKey(draft.IdempotencyKey) };
    }

    private async Task<AiInstruction> InsertAsync(DbConnection connection, DbTransaction transaction, AiInstructionDraft draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (draft.IdempotencyKey is { } key)
        {
            var existingId = await Idempotency.ClaimAsync(scope, connection, transaction, Kind, key, now, cancellationToken).ConfigureAwait(false);
            if (existingId is { } id && await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }
        }

        var instruction = await InsertRowAsync(connection, transaction, draft, null, now, now, 1, cancellationToken).ConfigureAwait(false);
        if (draft.IdempotencyKey is { } claimedKey)
        {
            await Idempotency.CompleteAsync(scope, connection, transaction, Kind, claimedKey, instruction.Id, cancellationToken).ConfigureAwait(false);
        }

        return instruction;
    }

    /// <summary>Inserts one instruction row; an import passes the id, times and version it keeps.</summary>
    internal async Task<AiInstruction> InsertRowAsync(
        DbConnection connection,
        DbTransaction transaction,
        AiInstructionDraft draft,
        long? id,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        int version,
        CancellationToken cancellationToken)
    {
        var (projectId, categoryId) = await ResolveTargetAsync(connection, transaction, draft.Scope, draft.Target, "target", cancellationToken).ConfigureAwait(false);
        var idValue = id is null ? scope.Dialect.NextId("instructions") : "@id";
        using var command = scope.Command(
            connection,
            transaction,
            "INSERT INTO instructions (owner, id, title, content, scope, project_id, category_id, priority, active, created_at, updated_at, version) " +
            $"VALUES (@owner, {idValue}, @title, @content, @scope, @project, @category, @priority, @active, @created, @updated, @version) RETURNING id");
        command.With("@title", draft.Title).With("@content", draft.Content).With("@scope", ScopeName(draft.Scope))
            .With("@project", projectId).With("@category", categoryId).With("@priority", draft.Priority).With("@active", draft.Active)
            .With("@created", scope.Time(createdAt)).With("@updated", scope.Time(updatedAt)).With("@version", version);
        if (id is { } explicitId)
        {
            command.With("@id", explicitId);
        }

        var newId = await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        return (await GetAsync(connection, transaction, newId, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Finds the project or category a scoped instruction refers to; it must exist.</summary>
    private async Task<(long? ProjectId, long? CategoryId)> ResolveTargetAsync(
        DbConnection connection,
        DbTransaction transaction,
        InstructionScope instructionScope,
        string? target,
        string field,
        CancellationToken cancellationToken)
    {
        if (instructionScope == InstructionScope.Global)
        {
            return string.IsNullOrEmpty(target)
                ? (null, null)
                : throw new StoreValidationException($"{field} must be empty for a global instruction; use scope project or category to name one.");
        }

        var kind = instructionScope == InstructionScope.Project ? "project" : "category";
        if (string.IsNullOrWhiteSpace(target))
        {
            throw new StoreValidationException($"{field} is required for a {kind} instruction: name an existing {kind}.");
        }

        var table = instructionScope == InstructionScope.Project ? "projects" : "categories";
        var normalized = NameKey.Normalize(target, field);
        using var command = scope.Command(connection, transaction, $"SELECT id FROM {table} WHERE owner = @owner AND name_key = @key")
            .With("@key", NameKey.Of(normalized));
        var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (id is null or DBNull)
        {
            throw new StoreValidationException($"{field}: no {kind} named '{normalized}' exists; create it first.");
        }

        var targetId = Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        return instructionScope == InstructionScope.Project ? (targetId, null) : (null, targetId);
    }

    private async Task<AiInstruction?> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        var query = scope.Query();
        query.Append($"SELECT {SelectColumns}{FromJoined} WHERE i.owner = @owner AND i.id = {query.Parameter(id)}");
        var rows = await ReadAsync(connection, transaction, query, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    internal async Task<List<AiInstruction>> ReadAsync(DbConnection connection, DbTransaction? transaction, SqlQuery query, CancellationToken cancellationToken)
    {
        var rows = new List<AiInstruction>();
        using var command = query.CreateCommand(connection, transaction);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var instructionScope = reader.GetString(3) switch
            {
                "project" => InstructionScope.Project,
                "category" => InstructionScope.Category,
                _ => InstructionScope.Global,
            };
            rows.Add(new AiInstruction(
                reader.GetLong(0),
                reader.GetString(1),
                reader.GetString(2),
                instructionScope,
                instructionScope == InstructionScope.Project ? reader.GetNullableString(4) : reader.GetNullableString(5),
                reader.GetInt(6),
                reader.GetBool(7),
                scope.Dialect.ReadTime(reader, 8),
                scope.Dialect.ReadTime(reader, 9),
                reader.GetInt(10)));
        }

        return rows;
    }
}
