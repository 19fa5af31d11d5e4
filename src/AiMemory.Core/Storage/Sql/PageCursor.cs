using System.Globalization;
using System.Text;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// Opaque page cursors. A list cursor holds the sort key of the last item returned (keyset paging, stable while
/// records are added); a search cursor holds an offset into the ranked results.
/// </summary>
internal static class PageCursor
{
    /// <summary>
    /// Validates the page size. A limit above <see cref="PageRequest.MaxLimit"/> is rejected rather than clamped, so a
    /// caller never silently receives fewer items than it asked for.
    /// </summary>
    public static int Limit(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.Limit is < 1 or > PageRequest.MaxLimit)
        {
            throw new StoreValidationException($"limit must be between 1 and {PageRequest.MaxLimit}, not {page.Limit}.");
        }

        return page.Limit;
    }

    public static string Encode(string kind, IEnumerable<long> values)
    {
        var text = kind + ":" + string.Join(':', values.Select(value => value.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes a cursor made by <see cref="Encode"/> for the same kind of page, or returns <see langword="null"/> for none.</summary>
    public static long[]? Decode(string? cursor, string kind, int count)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        var parts = TryDecodeText(cursor)?.Split(':');
        if (parts is null || parts.Length != count + 1 || parts[0] != kind)
        {
            throw new StoreValidationException("cursor is invalid or belongs to a different query; start again without a cursor.");
        }

        var values = new long[count];
        for (var index = 0; index < count; index++)
        {
            if (!long.TryParse(parts[index + 1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[index]))
            {
                throw new StoreValidationException("cursor is invalid; start again without a cursor.");
            }
        }

        return values;
    }

    private static string? TryDecodeText(string cursor)
    {
        if (cursor.Length > 200)
        {
            return null;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    /// <summary>Returns the offset held by an offset cursor, or 0 for the first page.</summary>
    public static long Offset(string? cursor)
    {
        var offset = Decode(cursor, "s", 1)?[0] ?? 0;
        if (offset is < 0 or > 1_000_000)
        {
            throw new StoreValidationException("cursor is invalid; start again without a cursor.");
        }

        return offset;
    }

    public static string OffsetAfter(long offset) => Encode("s", [offset]);

    public static long Microseconds(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicroseconds(long value) => DateTimeOffset.UnixEpoch.AddTicks(value * 10);
}
