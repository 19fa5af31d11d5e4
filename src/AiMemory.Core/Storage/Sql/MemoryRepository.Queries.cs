using System.Data.Common;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

internal sealed partial class MemoryRepository
{
    public async Task<Page<Memory>> ListAsync(MemoryQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = PageCursor.Limit(page);
        var order = ItemOrder.For(query.Sort);
        var after = order.Decode(page.Cursor);
        var sql = scope.Query();
        sql.Append($"SELECT {SelectColumns} FROM memories m{JoinNames} WHERE m.owner = @owner");
        AppendFilters(sql, query);
        if (after is not null)
        {
            order.AppendAfter(sql, scope, "m", after);
        }

        sql.Append($" ORDER BY {order.OrderBy("m")} LIMIT {limit + 1}");
        var rows = await scope.ReadAsync(
            connection => ReadRowsAsync(connection, null, sql, withRank: false, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        var items = rows.Take(limit).Select(row => row.Memory).ToList();
        var last = items.Count > 0 ? items[^1] : null;
        var next = rows.Count > limit && last is not null
            ? order.CursorAfter(last.Id, last.Priority, last.CreatedAt, last.UpdatedAt)
            : null;
        return new Page<Memory>(items, next);
    }

    public async Task<Page<MemorySearchHit>> SearchAsync(MemoryQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            // Without text a search is a filtered list; every hit has rank 0.
            var list = await ListAsync(query, page, cancellationToken).ConfigureAwait(false);
            return new Page<MemorySearchHit>(list.Items.Select(memory => new MemorySearchHit(memory, 0)).ToList(), list.NextCursor);
        }

        StoreValidation.Text(query.Text, "search text", StoreLimits.MaxSearchTextLength);
        var limit = PageCursor.Limit(page);
        var offset = PageCursor.Offset(page.Cursor);
        var sql = scope.Query();
        var match = scope.Dialect.MatchText(sql, Target, query.Text);
        var relevance = query.Sort == SortOrder.Relevance;
        var orderBy = relevance ? "match_rank DESC, m.id DESC" : ItemOrder.For(query.Sort).OrderBy("m");

        // The inner query ranks and pages ids only, so the sort does not carry every matching row's content.
        sql.Append($"SELECT {SelectColumns}, hits.match_rank FROM (SELECT m.id AS hit_id, {match.Rank} AS match_rank FROM {match.From}")
            .Append($" WHERE m.owner = @owner AND {match.Condition}");
        AppendFilters(sql, query);
        sql.Append($" ORDER BY {orderBy} LIMIT {limit + 1} OFFSET {offset}) hits")
            .Append($" JOIN memories m ON m.owner = @owner AND m.id = hits.hit_id{JoinNames}")
            .Append($" ORDER BY {(relevance ? "hits.match_rank DESC, m.id DESC" : orderBy)}");

        var rows = await scope.ReadAsync(
            connection => ReadRowsAsync(connection, null, sql, withRank: true, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var next = rows.Count > limit ? PageCursor.OffsetAfter(offset + limit) : null;
        return new Page<MemorySearchHit>(rows.Take(limit).ToList(), next);
    }

    public Task<MemoryStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        scope.ReadAsync(
            async connection =>
            {
                var since = scope.Time(scope.Database.Now().AddDays(-7));
                using var totals = scope.Command(
                    connection,
                    null,
                    "SELECT COUNT(*), SUM(CASE WHEN created_at >= @since THEN 1 ELSE 0 END), " +
                    "SUM(CASE WHEN updated_at >= @since THEN 1 ELSE 0 END) FROM memories WHERE owner = @owner").With("@since", since);
                int total, created, updated;
                using (var reader = await totals.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    total = reader.GetInt(0);
                    created = reader.IsDBNull(1) ? 0 : reader.GetInt(1);
                    updated = reader.IsDBNull(2) ? 0 : reader.GetInt(2);
                }

                var byCategory = await Statistics.CountByNameAsync(scope, connection, "memories", "categories", "category_id", cancellationToken).ConfigureAwait(false);
                var byProject = await Statistics.CountByNameAsync(scope, connection, "memories", "projects", "project_id", cancellationToken).ConfigureAwait(false);
                var byPriority = await Statistics.CountByPriorityAsync(scope, connection, "memories", "", cancellationToken).ConfigureAwait(false);
                return new MemoryStatistics(total, byCategory, byProject, byPriority, created, updated);
            },
            cancellationToken);

    private void AppendFilters(SqlQuery sql, MemoryQuery query)
    {
        ItemFilters.Append(
            sql, "m", TagTable.Memories.Name, TagTable.Memories.Column,
            query.Project, query.Category, query.Tags, query.TagMatch, query.MinPriority, query.MaxPriority);
        if (query.CreatedAfter is { } after)
        {
            sql.Append($" AND m.created_at >= {sql.Parameter(scope.Time(after))}");
        }

        if (query.CreatedBefore is { } before)
        {
            sql.Append($" AND m.created_at < {sql.Parameter(scope.Time(before))}");
        }
    }
}

/// <summary>Grouped counts shared by the memory and task statistics.</summary>
internal static class Statistics
{
    /// <summary>Counts records per linked project or category name; records without a link are not counted here.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> CountByNameAsync(
        OwnerScope scope,
        DbConnection connection,
        string table,
        string namesTable,
        string column,
        CancellationToken cancellationToken)
    {
        using var command = scope.Command(
            connection,
            null,
            $"SELECT n.name, COUNT(*) FROM {table} r JOIN {namesTable} n ON n.owner = r.owner AND n.id = r.{column} " +
            "WHERE r.owner = @owner GROUP BY n.name");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt(1);
        }

        return counts;
    }

    public static async Task<IReadOnlyDictionary<int, int>> CountByPriorityAsync(
        OwnerScope scope,
        DbConnection connection,
        string table,
        string condition,
        CancellationToken cancellationToken)
    {
        using var command = scope.Command(connection, null, $"SELECT priority, COUNT(*) FROM {table} WHERE owner = @owner{condition} GROUP BY priority");
        var counts = new Dictionary<int, int>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetInt(0)] = reader.GetInt(1);
        }

        return counts;
    }
}
