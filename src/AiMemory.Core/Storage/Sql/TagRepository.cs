using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>Tags of one owner. Tags are created by the memories and tasks that use them.</summary>
internal sealed class TagRepository(OwnerScope scope) : ITagRepository
{
    public async Task<Page<TagUsage>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        var limit = PageCursor.Limit(page);
        var offset = PageCursor.Offset(page.Cursor);
        return await scope.ReadAsync(
            async connection =>
            {
                using var command = scope.Command(
                    connection,
                    null,
                    "SELECT t.name, " +
                    "(SELECT COUNT(*) FROM memory_tags x WHERE x.owner = t.owner AND x.tag_id = t.id), " +
                    "(SELECT COUNT(*) FROM task_tags x WHERE x.owner = t.owner AND x.tag_id = t.id) " +
                    $"FROM tags t WHERE t.owner = @owner ORDER BY t.name_key, t.id LIMIT {limit + 1} OFFSET {offset}");
                var tags = new List<TagUsage>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    tags.Add(new TagUsage(reader.GetString(0), reader.GetInt(1), reader.GetInt(2)));
                }

                var next = tags.Count > limit ? PageCursor.OffsetAfter(offset + limit) : null;
                return new Page<TagUsage>(tags.Take(limit).ToList(), next);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var key = NameKey.Of(NameKey.Normalize(name, "tag"));
        return await scope.WriteAsync(
            async (connection, transaction) =>
            {
                // The links go with the tag (ON DELETE CASCADE).
                using var command = scope.Command(connection, transaction, "DELETE FROM tags WHERE owner = @owner AND name_key = @key").With("@key", key);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
