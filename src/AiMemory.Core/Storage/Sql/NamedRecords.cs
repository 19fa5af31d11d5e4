using System.Data.Common;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// The shared implementation of projects and categories: named records, unique per owner by name key, that memories,
/// tasks and AI instructions link to.
/// </summary>
internal sealed class NamedRecords(OwnerScope scope, string table, string kind, bool hasColor)
{
    private string Columns => "id, name, description, " + (hasColor ? "color, " : "NULL, ") + "created_at, updated_at, version";

    /// <summary>One stored row; the color is <see langword="null"/> for categories.</summary>
    public sealed record Row(long Id, string Name, string? Description, string? Color, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

    public async Task<Row> CreateAsync(string name, string? description, string? color, CancellationToken cancellationToken)
    {
        var normalized = NameKey.Normalize(name, $"{kind} name");
        StoreValidation.OptionalText(description, "description", StoreLimits.MaxDescriptionLength);
        StoreValidation.Color(color);
        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var now = scope.Time(scope.Database.Now());
                var colorColumn = hasColor ? ", color" : "";
                var colorValue = hasColor ? ", @color" : "";
                using var command = scope.Command(
                    connection,
                    transaction,
                    $"INSERT INTO {table} (owner, id, name, name_key, description{colorColumn}, created_at, updated_at, version) " +
                    $"VALUES (@owner, {scope.Dialect.NextId(table)}, @name, @key, @description{colorValue}, @now, @now, 1) " +
                    $"ON CONFLICT (owner, name_key) DO UPDATE SET name_key = excluded.name_key RETURNING {Columns}");
                command.With("@name", normalized).With("@key", NameKey.Of(normalized)).With("@description", description).With("@now", now);
                if (hasColor)
                {
                    command.With("@color", string.IsNullOrEmpty(color) ? null : color);
                }

                return (await ReadAsync(command, cancellationToken).ConfigureAwait(false))[0];
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<Row?> GetAsync(long id, CancellationToken cancellationToken) =>
        scope.ReadAsync(
            async connection =>
            {
                using var command = scope.Command(connection, null, $"SELECT {Columns} FROM {table} WHERE owner = @owner AND id = @id").With("@id", id);
                return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            },
            cancellationToken);

    public Task<Row?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        var key = NameKey.Of(NameKey.Normalize(name, $"{kind} name"));
        return scope.ReadAsync(
            async connection =>
            {
                using var command = scope.Command(connection, null, $"SELECT {Columns} FROM {table} WHERE owner = @owner AND name_key = @key").With("@key", key);
                return (await ReadAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            },
            cancellationToken);
    }

    public async Task<Row> UpdateAsync(long id, int expectedVersion, string? name, string? description, string? color, CancellationToken cancellationToken)
    {
        var normalized = name is null ? null : NameKey.Normalize(name, $"{kind} name");
        StoreValidation.OptionalText(description, "description", StoreLimits.MaxDescriptionLength);
        StoreValidation.Color(color);
        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                var query = scope.Query();
                query.Append($"UPDATE {table} SET version = version + 1, updated_at = {query.Parameter(scope.Time(scope.Database.Now()))}");
                if (normalized is not null)
                {
                    query.Append($", name = {query.Parameter(normalized)}, name_key = {query.Parameter(NameKey.Of(normalized))}");
                }

                if (description is not null)
                {
                    query.Append($", description = {query.Parameter(description.Length == 0 ? null : description)}");
                }

                if (hasColor && color is not null)
                {
                    query.Append($", color = {query.Parameter(color.Length == 0 ? null : color)}");
                }

                query.Append($" WHERE owner = @owner AND id = {query.Parameter(id)} AND version = {query.Parameter(expectedVersion)} RETURNING {Columns}");
                using var command = query.CreateCommand(connection, transaction);
                List<Row> rows;
                try
                {
                    rows = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException exception) when (scope.Dialect.IsUniqueViolation(exception))
                {
                    throw new StoreValidationException($"{kind} name '{normalized}' is already used by another {kind}.");
                }

                return rows.Count == 1
                    ? rows[0]
                    : throw await MemoryRepository.MissOrConflictAsync(scope, connection, transaction, table, kind, id, expectedVersion, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the record; memories and tasks lose the link, and instructions scoped to it are deleted.</summary>
    public Task DeleteAsync(long id, int? expectedVersion, CancellationToken cancellationToken) =>
        scope.WriteAsync(
            async (connection, transaction) =>
            {
                var column = table == "projects" ? "project_id" : "category_id";
                foreach (var linked in new[] { "memories", "tasks" })
                {
                    using var unlink = scope.Command(connection, transaction, $"UPDATE {linked} SET {column} = NULL WHERE owner = @owner AND {column} = @id");
                    await unlink.With("@id", id).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var sql = $"DELETE FROM {table} WHERE owner = @owner AND id = @id" + (expectedVersion is null ? "" : " AND version = @version");
                using var delete = scope.Command(connection, transaction, sql).With("@id", id);
                if (expectedVersion is { } version)
                {
                    delete.With("@version", version);
                }

                if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw await MemoryRepository.MissOrConflictAsync(scope, connection, transaction, table, kind, id, expectedVersion ?? 0, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);

    public async Task<Page<Row>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var limit = PageCursor.Limit(page);
        var offset = PageCursor.Offset(page.Cursor);
        return await scope.ReadAsync(
            async connection =>
            {
                using var command = scope.Command(
                    connection,
                    null,
                    $"SELECT {Columns} FROM {table} WHERE owner = @owner ORDER BY name_key, id LIMIT {limit + 1} OFFSET {offset}");
                var rows = await ReadAsync(command, cancellationToken).ConfigureAwait(false);
                var next = rows.Count > limit ? PageCursor.OffsetAfter(offset + limit) : null;
                return new Page<Row>(rows.Take(limit).ToList(), next);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every record of the owner, by id.</summary>
    public async Task<List<Row>> ReadAllAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using var command = scope.Command(connection, null, $"SELECT {Columns} FROM {table} WHERE owner = @owner ORDER BY id");
        return await ReadAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<Row>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new Row(
                reader.GetLong(0),
                reader.GetString(1),
                reader.GetNullableString(2),
                reader.GetNullableString(3),
                scope.Dialect.ReadTime(reader, 4),
                scope.Dialect.ReadTime(reader, 5),
                reader.GetInt(6)));
        }

        return rows;
    }
}
