using System.Data.Common;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// Links records to projects, categories and tags, creating them on first use with an upsert
/// (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), so concurrent writers that name the same new tag all get the
/// one row instead of a unique-constraint error. A write locks names in a fixed order (project, category, then tags
/// by key) to keep deadlocks rare, and a deadlock that still happens is retried by <see cref="SqlDatabase"/>.
/// </summary>
internal static class Links
{
    /// <summary>A linked project or category: its id and its stored name.</summary>
    public readonly record struct Named(long Id, string Name);

    public static Task<Named?> ProjectAsync(OwnerScope scope, DbConnection connection, DbTransaction transaction, string? name, DateTimeOffset now, LinkCache? cache, CancellationToken cancellationToken) =>
        UpsertNamedAsync(scope, connection, transaction, "projects", name, "project", now, cache, cancellationToken);

    public static Task<Named?> CategoryAsync(OwnerScope scope, DbConnection connection, DbTransaction transaction, string? name, DateTimeOffset now, LinkCache? cache, CancellationToken cancellationToken) =>
        UpsertNamedAsync(scope, connection, transaction, "categories", name, "category", now, cache, cancellationToken);

    private static async Task<Named?> UpsertNamedAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        string table,
        string? name,
        string field,
        DateTimeOffset now,
        LinkCache? cache,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var normalized = NameKey.Normalize(name, field);
        if (cache is not null && cache.TryGet(table, NameKey.Of(normalized), out var cached))
        {
            return cached;
        }

        using var command = scope.Command(
            connection,
            transaction,
            $"INSERT INTO {table} (owner, id, name, name_key, created_at, updated_at, version) " +
            $"VALUES (@owner, {scope.Dialect.NextId(table)}, @name, @key, @now, @now, 1) " +
            "ON CONFLICT (owner, name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id, name");
        command.With("@name", normalized).With("@key", NameKey.Of(normalized)).With("@now", scope.Time(now));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var named = new Named(reader.GetLong(0), reader.GetString(1));
        cache?.Add(table, NameKey.Of(normalized), named);
        return named;
    }

    /// <summary>Replaces the tags of a record and returns their stored names in the order given.</summary>
    public static async Task<IReadOnlyList<string>> SetTagsAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        TagTable table,
        long recordId,
        IReadOnlyList<string> tags,
        bool replace,
        LinkCache? cache,
        CancellationToken cancellationToken)
    {
        if (replace)
        {
            using var delete = scope.Command(connection, transaction, $"DELETE FROM {table.Name} WHERE owner = @owner AND {table.Column} = @id");
            await delete.With("@id", recordId).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (tags.Count == 0)
        {
            return [];
        }

        var stored = new Dictionary<string, Named>(StringComparer.Ordinal);
        foreach (var key in tags.Select(NameKey.Of).Order(StringComparer.Ordinal))
        {
            if (cache is not null && cache.TryGet("tags", key, out var cached))
            {
                stored[key] = cached;
                continue;
            }

            var name = tags.First(tag => NameKey.Of(tag) == key);
            var tag = await UpsertTagAsync(scope, connection, transaction, name, key, cancellationToken).ConfigureAwait(false);
            stored[key] = new Named(tag.Id, tag.Name);
            cache?.Add("tags", key, stored[key]);
        }

        var link = scope.Query();
        link.Append($"INSERT INTO {table.Name} (owner, {table.Column}, tag_id, position) VALUES ");
        var record = link.Parameter(recordId);
        var names = new string[tags.Count];
        for (var position = 0; position < tags.Count; position++)
        {
            var tag = stored[NameKey.Of(tags[position])];
            link.Append(position == 0 ? "" : ", ").Append($"(@owner, {record}, {link.Parameter(tag.Id)}, {link.Parameter(position)})");
            names[position] = tag.Name;
        }

        using var command = link.CreateCommand(connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return names;
    }

    private static async Task<(long Id, string Name)> UpsertTagAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        string name,
        string key,
        CancellationToken cancellationToken)
    {
        using var command = scope.Command(
            connection,
            transaction,
            $"INSERT INTO tags (owner, id, name, name_key) VALUES (@owner, {scope.Dialect.NextId("tags")}, @name, @key) " +
            "ON CONFLICT (owner, name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id, name");
        command.With("@name", name).With("@key", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetLong(0), reader.GetString(1));
    }

    /// <summary>
    /// The maximum number of record ids that one tag query binds. SQLite accepts at most 32,766 parameters in a
    /// statement and PostgreSQL 65,535, so an export of a large store loads its tags in several queries.
    /// </summary>
    internal const int TagQueryIds = 1000;

    /// <summary>Loads the tags of several records, each list in the order it was stored.</summary>
    public static async Task<Dictionary<long, List<string>>> LoadTagsAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction? transaction,
        TagTable table,
        IReadOnlyCollection<long> recordIds,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, List<string>>();
        foreach (var chunk in recordIds.Chunk(TagQueryIds))
        {
            var query = scope.Query();
            query.Append(
                $"SELECT x.{table.Column}, t.name FROM {table.Name} x JOIN tags t ON t.owner = x.owner AND t.id = x.tag_id " +
                $"WHERE x.owner = @owner AND x.{table.Column} IN ({query.Parameters(chunk)}) ORDER BY x.{table.Column}, x.position");
            using var command = query.CreateCommand(connection, transaction);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetLong(0);
                if (!result.TryGetValue(id, out var names))
                {
                    names = [];
                    result[id] = names;
                }

                names.Add(reader.GetString(1));
            }
        }

        return result;
    }
}

/// <summary>A table that links records to tags, and its record column.</summary>
internal sealed record TagTable(string Name, string Column)
{
    public static TagTable Memories { get; } = new("memory_tags", "memory_id");

    public static TagTable Tasks { get; } = new("task_tags", "task_id");
}

/// <summary>
/// The projects, categories and tags one write transaction has already linked, so a batch upserts each name once.
/// Valid only inside that transaction, which keeps the upserted rows locked until it ends.
/// </summary>
internal sealed class LinkCache
{
    private readonly Dictionary<(string Table, string Key), Links.Named> _entries = [];

    public bool TryGet(string table, string key, out Links.Named named) => _entries.TryGetValue((table, key), out named);

    public void Add(string table, string key, Links.Named named) => _entries[(table, key)] = named;
}
