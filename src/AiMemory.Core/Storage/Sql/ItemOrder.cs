using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// The keyset order of a list of memories or tasks. Every column runs in the same direction and the id breaks
/// ties, so a row-value comparison with the last item's key selects the next page.
/// </summary>
internal sealed record ItemOrder(string Code, string[] Columns, bool Descending)
{
    private static readonly ItemOrder Newest = new("n", ["created_at", "id"], Descending: true);
    private static readonly ItemOrder Oldest = new("o", ["created_at", "id"], Descending: false);
    private static readonly ItemOrder ByPriority = new("p", ["priority", "created_at", "id"], Descending: true);
    private static readonly ItemOrder Updated = new("u", ["updated_at", "id"], Descending: true);

    public static ItemOrder For(SortOrder sort) => sort switch
    {
        SortOrder.Relevance or SortOrder.Newest => Newest,
        SortOrder.Oldest => Oldest,
        SortOrder.Priority => ByPriority,
        SortOrder.Updated => Updated,
        _ => throw new StoreValidationException($"sort {(int)sort} is not valid; use relevance, newest, oldest, priority or updated."),
    };

    public string OrderBy(string alias)
    {
        var direction = Descending ? " DESC" : "";
        return string.Join(", ", Columns.Select(column => $"{alias}.{column}{direction}"));
    }

    /// <summary>Appends the condition that selects rows after the cursor's key.</summary>
    public void AppendAfter(SqlQuery query, OwnerScope scope, string alias, long[] key)
    {
        var values = Columns.Select((column, index) => column.EndsWith("_at", StringComparison.Ordinal)
            ? scope.Time(PageCursor.FromMicroseconds(key[index]))
            : key[index]);
        var left = string.Join(", ", Columns.Select(column => $"{alias}.{column}"));
        var right = string.Join(", ", values.Select(value => query.Parameter(value)));
        query.Append($" AND ({left}) {(Descending ? "<" : ">")} ({right})");
    }

    public string CursorAfter(long id, int priority, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        long[] key = Code switch
        {
            "p" => [priority, PageCursor.Microseconds(createdAt), id],
            "u" => [PageCursor.Microseconds(updatedAt), id],
            _ => [PageCursor.Microseconds(createdAt), id],
        };
        return PageCursor.Encode(Code, key);
    }

    public long[]? Decode(string? cursor) => PageCursor.Decode(cursor, Code, Columns.Length);
}
