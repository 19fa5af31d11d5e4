using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>Appends the filters that memories and tasks share: project, category, tags and priority range.</summary>
internal static class ItemFilters
{
    public static void Append(
        SqlQuery query,
        string alias,
        string linkTable,
        string linkColumn,
        string? project,
        string? category,
        IReadOnlyList<string>? tags,
        TagMatch tagMatch,
        int? minPriority,
        int? maxPriority)
    {
        StoreValidation.PriorityRange(minPriority, maxPriority);
        if (!string.IsNullOrWhiteSpace(project))
        {
            var key = query.Parameter(NameKey.Of(NameKey.Normalize(project, "project")));
            query.Append($" AND {alias}.project_id IN (SELECT id FROM projects WHERE owner = @owner AND name_key = {key})");
        }

        if (!string.IsNullOrWhiteSpace(category))
        {
            var key = query.Parameter(NameKey.Of(NameKey.Normalize(category, "category")));
            query.Append($" AND {alias}.category_id IN (SELECT id FROM categories WHERE owner = @owner AND name_key = {key})");
        }

        var tagKeys = NameKey.Tags(tags).Select(NameKey.Of).Distinct(StringComparer.Ordinal).ToList();
        if (tagKeys.Count > 0)
        {
            var tagged = $"FROM {linkTable} link JOIN tags tag ON tag.owner = link.owner AND tag.id = link.tag_id " +
                $"WHERE link.owner = {alias}.owner AND link.{linkColumn} = {alias}.id AND tag.name_key IN ({query.Parameters(tagKeys)})";
            query.Append(tagMatch == TagMatch.All
                ? $" AND (SELECT COUNT(*) {tagged}) = {query.Parameter(tagKeys.Count)}"
                : $" AND EXISTS (SELECT 1 {tagged})");
        }

        if (minPriority is { } min)
        {
            query.Append($" AND {alias}.priority >= {query.Parameter(min)}");
        }

        if (maxPriority is { } max)
        {
            query.Append($" AND {alias}.priority <= {query.Parameter(max)}");
        }
    }
}
