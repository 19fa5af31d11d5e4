using System.Text;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// The comparison key of a project, category or tag name: trimmed, normalised to NFC and lower-cased with the
/// invariant culture, so <c>Café</c> and <c>CAFE\u0301</c> are the same name. CJK and emoji names are kept as they are.
/// </summary>
internal static class NameKey
{
    /// <summary>Validates a name and returns it trimmed and in NFC, the form that is stored and shown.</summary>
    public static string Normalize(string? name, string field)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new StoreValidationException($"{field} must not be empty.");
        }

        StoreValidation.Text(name, field, StoreLimits.MaxNameLength);
        return name.Trim().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Returns the key of an already normalised name.</summary>
    public static string Of(string normalizedName) => normalizedName.ToLowerInvariant();

    /// <summary>Validates tag names and returns them normalised, without duplicates, in the order given.</summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return [];
        }

        if (tags.Count > StoreLimits.MaxTagsPerItem)
        {
            throw new StoreValidationException(
                $"tags has {tags.Count} entries; at most {StoreLimits.MaxTagsPerItem} are allowed.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(tags.Count);
        foreach (var tag in tags)
        {
            var name = Normalize(tag, "tag");
            if (seen.Add(Of(name)))
            {
                result.Add(name);
            }
        }

        return result;
    }
}
