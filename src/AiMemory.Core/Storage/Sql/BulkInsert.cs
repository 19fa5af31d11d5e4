using System.Data.Common;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// The batch path of <see cref="IMemoryRepository.CreateManyAsync"/>: names are upserted once per kind in multi-row
/// statements, ids are reserved up front, and the memory rows and tag links go through the dialect's bulk row
/// insert, so a batch needs a handful of round trips instead of several per memory.
/// </summary>
internal static class BulkInsert
{
    private static readonly string[] MemoryColumns =
        ["owner", "id", "title", "content", "category_id", "project_id", "priority", "created_at", "updated_at", "version"];

    private static readonly string[] MemoryColumnsWithSearchRowId = [.. MemoryColumns, "fts_rowid"];

    private static readonly string[] MemoryTagColumns = ["owner", "memory_id", "tag_id", "position"];

    public static async Task<IReadOnlyList<Memory>> MemoriesAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<MemoryDraft> drafts,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Projects, then categories, then tags, each by key: the same lock order as single writes.
        var projects = await UpsertNamesAsync(scope, connection, transaction, "projects", Names(drafts.Select(draft => draft.Project), "project"), now, cancellationToken).ConfigureAwait(false);
        var categories = await UpsertNamesAsync(scope, connection, transaction, "categories", Names(drafts.Select(draft => draft.Category), "category"), now, cancellationToken).ConfigureAwait(false);
        var tags = await UpsertNamesAsync(scope, connection, transaction, "tags", drafts.SelectMany(draft => draft.Tags!), now, cancellationToken).ConfigureAwait(false);

        var dialect = scope.Dialect;
        var ids = await dialect.AllocateIdsAsync(connection, transaction, scope.Owner, "memories", drafts.Count, cancellationToken).ConfigureAwait(false);
        var searchRowIds = await dialect.AllocateSearchRowIdsAsync(connection, transaction, "memories", drafts.Count, cancellationToken).ConfigureAwait(false);
        var memories = new Memory[drafts.Count];
        var rows = new List<object?[]>(drafts.Count);
        var links = new List<object?[]>();
        var time = SqlDatabase.Truncate(now);
        var storedTime = scope.Time(time);
        for (var index = 0; index < drafts.Count; index++)
        {
            var draft = drafts[index];
            var project = Find(projects, draft.Project, "project");
            var category = Find(categories, draft.Category, "category");
            object?[] row = [scope.Owner, ids[index], draft.Title, draft.Content, category?.Id, project?.Id, draft.Priority, storedTime, storedTime, 1];
            rows.Add(searchRowIds is null ? row : [.. row, searchRowIds[index]]);

            var tagNames = new string[draft.Tags!.Count];
            for (var position = 0; position < tagNames.Length; position++)
            {
                var tag = tags[NameKey.Of(draft.Tags[position])];
                tagNames[position] = tag.Name;
                links.Add([scope.Owner, ids[index], tag.Id, position]);
            }

            memories[index] = new Memory(ids[index], draft.Title, draft.Content, category?.Name, project?.Name, tagNames, draft.Priority, time, time, 1);
        }

        var columns = searchRowIds is null ? MemoryColumns : MemoryColumnsWithSearchRowId;
        await dialect.InsertRowsAsync(connection, transaction, "memories", columns, rows, cancellationToken).ConfigureAwait(false);
        await dialect.InsertRowsAsync(connection, transaction, "memory_tags", MemoryTagColumns, links, cancellationToken).ConfigureAwait(false);
        return memories;
    }

    private static IEnumerable<string> Names(IEnumerable<string?> names, string field) =>
        names.Where(name => !string.IsNullOrEmpty(name)).Select(name => NameKey.Normalize(name, field));

    private static Links.Named? Find(Dictionary<string, Links.Named> named, string? name, string field) =>
        string.IsNullOrEmpty(name) ? null : named[NameKey.Of(NameKey.Normalize(name, field))];

    /// <summary>Creates the names that do not exist yet and returns every name's id and stored form, by key.</summary>
    private static async Task<Dictionary<string, Links.Named>> UpsertNamesAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IEnumerable<string> normalizedNames,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var distinct = normalizedNames
            .GroupBy(NameKey.Of, StringComparer.Ordinal)
            .Select(group => (Key: group.Key, Name: group.First()))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .ToList();
        var result = new Dictionary<string, Links.Named>(StringComparer.Ordinal);
        if (distinct.Count == 0)
        {
            return result;
        }

        var ids = await scope.Dialect.AllocateIdsAsync(connection, transaction, scope.Owner, table, distinct.Count, cancellationToken).ConfigureAwait(false);
        var timed = table != "tags";
        for (var start = 0; start < distinct.Count; start += SqlDialect.RowsPerStatement)
        {
            var query = scope.Query();
            var nowParameter = query.Parameter(scope.Time(now));
            query.Append($"INSERT INTO {table} (owner, id, name, name_key{(timed ? ", created_at, updated_at, version" : "")}) VALUES ");
            for (var index = start; index < Math.Min(distinct.Count, start + SqlDialect.RowsPerStatement); index++)
            {
                query.Append(index == start ? "" : ", ")
                    .Append($"(@owner, {query.Parameter(ids[index])}, {query.Parameter(distinct[index].Name)}, {query.Parameter(distinct[index].Key)}")
                    .Append(timed ? $", {nowParameter}, {nowParameter}, 1)" : ")");
            }

            query.Append(" ON CONFLICT (owner, name_key) DO UPDATE SET name_key = excluded.name_key RETURNING id, name, name_key");
            using var command = query.CreateCommand(connection, transaction);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[reader.GetString(2)] = new Links.Named(reader.GetLong(0), reader.GetString(1));
            }
        }

        return result;
    }
}
