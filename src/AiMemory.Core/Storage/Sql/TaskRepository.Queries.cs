using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

internal sealed partial class TaskRepository
{
    public async Task<Page<TaskItem>> ListAsync(TaskQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = PageCursor.Limit(page);
        var order = ItemOrder.For(query.Sort);
        var after = order.Decode(page.Cursor);
        var sql = scope.Query();
        sql.Append($"SELECT {SelectColumns} FROM tasks t{JoinNames} WHERE t.owner = @owner");
        AppendFilters(sql, query);
        if (after is not null)
        {
            order.AppendAfter(sql, scope, "t", after);
        }

        sql.Append($" ORDER BY {order.OrderBy("t")} LIMIT {limit + 1}");
        var rows = await scope.ReadAsync(
            connection => ReadRowsAsync(connection, null, sql, withRank: false, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        var items = rows.Take(limit).Select(row => row.Task).ToList();
        var last = items.Count > 0 ? items[^1] : null;
        var next = rows.Count > limit && last is not null
            ? order.CursorAfter(last.Id, last.Priority, last.CreatedAt, last.UpdatedAt)
            : null;
        return new Page<TaskItem>(items, next);
    }

    public async Task<Page<TaskSearchHit>> SearchAsync(TaskQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Text))
        {
            // Without text a search is a filtered list; every hit has rank 0.
            var list = await ListAsync(query, page, cancellationToken).ConfigureAwait(false);
            return new Page<TaskSearchHit>(list.Items.Select(task => new TaskSearchHit(task, 0)).ToList(), list.NextCursor);
        }

        StoreValidation.Text(query.Text, "search text", StoreLimits.MaxSearchTextLength);
        var limit = PageCursor.Limit(page);
        var offset = PageCursor.Offset(page.Cursor);
        var sql = scope.Query();
        var match = scope.Dialect.MatchText(sql, Target, query.Text);
        var relevance = query.Sort == SortOrder.Relevance;
        var orderBy = relevance ? "match_rank DESC, t.id DESC" : ItemOrder.For(query.Sort).OrderBy("t");

        // The inner query ranks and pages ids only, so the sort does not carry every matching row's text.
        sql.Append($"SELECT {SelectColumns}, hits.match_rank FROM (SELECT t.id AS hit_id, {match.Rank} AS match_rank FROM {match.From}")
            .Append($" WHERE t.owner = @owner AND {match.Condition}");
        AppendFilters(sql, query);
        sql.Append($" ORDER BY {orderBy} LIMIT {limit + 1} OFFSET {offset}) hits")
            .Append($" JOIN tasks t ON t.owner = @owner AND t.id = hits.hit_id{JoinNames}")
            .Append($" ORDER BY {(relevance ? "hits.match_rank DESC, t.id DESC" : orderBy)}");

        var rows = await scope.ReadAsync(
            connection => ReadRowsAsync(connection, null, sql, withRank: true, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        var next = rows.Count > limit ? PageCursor.OffsetAfter(offset + limit) : null;
        return new Page<TaskSearchHit>(rows.Take(limit).ToList(), next);
    }

    public Task<TaskStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) =>
        scope.ReadAsync(
            async connection =>
            {
                var now = scope.Database.Now();
                using var totals = scope.Command(
                    connection,
                    null,
                    "SELECT COUNT(*), " +
                    "SUM(CASE WHEN due_at < @now AND status NOT IN ('completed', 'cancelled') AND archived = @false THEN 1 ELSE 0 END), " +
                    "SUM(CASE WHEN archived = @true THEN 1 ELSE 0 END), " +
                    "SUM(CASE WHEN completed_at >= @since THEN 1 ELSE 0 END) FROM tasks WHERE owner = @owner");
                totals.With("@now", scope.Time(now)).With("@since", scope.Time(now.AddDays(-7))).With("@false", false).With("@true", true);
                int total, overdue, archived, completed;
                using (var reader = await totals.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    total = reader.GetInt(0);
                    overdue = reader.IsDBNull(1) ? 0 : reader.GetInt(1);
                    archived = reader.IsDBNull(2) ? 0 : reader.GetInt(2);
                    completed = reader.IsDBNull(3) ? 0 : reader.GetInt(3);
                }

                var byStatus = TaskItemStatusNames.All.ToDictionary(name => name, _ => 0, StringComparer.Ordinal);
                using (var statuses = scope.Command(connection, null, "SELECT status, COUNT(*) FROM tasks WHERE owner = @owner GROUP BY status"))
                using (var reader = await statuses.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        byStatus[reader.GetString(0)] = reader.GetInt(1);
                    }
                }

                var byProject = await Statistics.CountByNameAsync(scope, connection, "tasks", "projects", "project_id", cancellationToken).ConfigureAwait(false);
                var byPriority = await Statistics.CountByPriorityAsync(scope, connection, "tasks", "", cancellationToken).ConfigureAwait(false);
                return new TaskStatistics(total, byStatus, byProject, byPriority, overdue, archived, completed);
            },
            cancellationToken);

    private void AppendFilters(SqlQuery sql, TaskQuery query)
    {
        ItemFilters.Append(
            sql, "t", TagTable.Tasks.Name, TagTable.Tasks.Column,
            query.Project, query.Category, query.Tags, query.TagMatch, query.MinPriority, query.MaxPriority);
        if (query.Statuses is { Count: > 0 } statuses)
        {
            sql.Append($" AND t.status IN ({sql.Parameters(statuses.Select(status => StoreValidation.Status(status).ToName()).Distinct())})");
        }

        if (query.DueBefore is { } dueBefore)
        {
            sql.Append($" AND t.due_at < {sql.Parameter(scope.Time(dueBefore))}");
        }

        if (!query.IncludeArchived)
        {
            sql.Append($" AND t.archived = {sql.Parameter(false)}");
        }
    }
}
