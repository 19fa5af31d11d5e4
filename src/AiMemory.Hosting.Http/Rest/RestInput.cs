using System.Globalization;
using AiMemory.Core.Mcp;
using AiMemory.Core.Model;
using AiMemory.Security.Sanitization;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>
/// Validates request fields against their limits and passes all text through <see cref="InputSanitizer"/>.
/// Every failure is a <see cref="RestValidationException"/> naming the field and the limit.
/// </summary>
internal static class RestInput
{
    // The limits are those of the MCP tools, so that both surfaces accept the same input.
    public const int MaxTitleLength = FieldLimits.Title;
    public const int MaxContentLength = FieldLimits.Content;
    public const int MaxDescriptionLength = FieldLimits.Description;
    public const int MaxNameLength = FieldLimits.Name;
    public const int MaxTagLength = FieldLimits.Tag;
    public const int MaxTags = FieldLimits.MaxTags;
    public const int MaxQueryLength = FieldLimits.Query;
    public const int MaxIdempotencyKeyLength = FieldLimits.IdempotencyKey;
    public const int MaxCursorLength = FieldLimits.Cursor;

    /// <summary>Returns the sanitised text of a required field.</summary>
    public static string Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RestValidationException(field, $"{field} is required and must not be empty.");
        }

        return Sanitize(field, value, maxLength);
    }

    /// <summary>Returns the sanitised text of an optional field, or <see langword="null"/> when absent.</summary>
    public static string? Optional(string field, string? value, int maxLength) =>
        value is null ? null : Sanitize(field, value, maxLength);

    /// <summary>Returns sanitised tag names, or <see langword="null"/> when absent.</summary>
    public static IReadOnlyList<string>? Tags(string field, IReadOnlyList<string?>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > MaxTags)
        {
            throw new RestValidationException(field, $"{field} has {tags.Count} entries; the limit is {MaxTags}.");
        }

        var result = new List<string>(tags.Count);
        for (var index = 0; index < tags.Count; index++)
        {
            result.Add(Required($"{field}[{index}]", tags[index], MaxTagLength));
        }

        return result;
    }

    /// <summary>Checks a priority from 1 to 5; <see langword="null"/> stays absent.</summary>
    public static int? Priority(string field, int? priority)
    {
        if (priority is < FieldLimits.MinPriority or > FieldLimits.MaxPriority)
        {
            throw new RestValidationException(
                field, $"{field} must be from {FieldLimits.MinPriority} to {FieldLimits.MaxPriority}; it was {priority}.");
        }

        return priority;
    }

    /// <summary>Reads <c>limit</c> and <c>cursor</c> from the query string.</summary>
    public static PageRequest Page(HttpRequest request) =>
        Page(ParseInt(request, "limit"), request.Query["cursor"].ToString());

    /// <summary>Checks a page size from 1 to <see cref="PageRequest.MaxLimit"/> and a cursor's length.</summary>
    public static PageRequest Page(int? limit, string? cursor)
    {
        if (limit is < 1 or > PageRequest.MaxLimit)
        {
            throw new RestValidationException("limit", $"limit must be from 1 to {PageRequest.MaxLimit}; it was {limit}.");
        }

        var checkedCursor = string.IsNullOrEmpty(cursor) ? null : Sanitize("cursor", cursor, MaxCursorLength);
        return new PageRequest(limit ?? PageRequest.DefaultLimit, checkedCursor);
    }

    /// <summary>Reads an optional whole number from the query string.</summary>
    public static int? ParseInt(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new RestValidationException(name, $"{name} must be a whole number.");
        }

        return value;
    }

    /// <summary>Reads an optional text filter from the query string.</summary>
    public static string? QueryText(HttpRequest request, string name, int maxLength)
    {
        var text = request.Query[name].ToString();
        return text.Length == 0 ? null : Sanitize(name, text, maxLength);
    }

    /// <summary>Reads a repeatable tag filter (<c>?tag=a&amp;tag=b</c>) from the query string.</summary>
    public static IReadOnlyList<string>? QueryTags(HttpRequest request) =>
        request.Query.TryGetValue("tag", out var values) ? Tags("tag", values.ToArray()) : null;

    /// <summary>Checks that an update names the version it expects.</summary>
    public static int Version(int? version)
    {
        if (version is null or < 1)
        {
            throw new RestValidationException(
                "version",
                "version is required: send the version of the record as last read (a number from 1), so a stale update is refused.");
        }

        return version.Value;
    }

    private static string Sanitize(string field, string value, int maxLength)
    {
        try
        {
            return InputSanitizer.Sanitize(field, value, maxLength).Value;
        }
        catch (InputRejectedException exception)
        {
            throw new RestValidationException(exception.Field, exception.Message);
        }
    }
}
