using ModelContextProtocol;

namespace AiMemory.Core.Mcp;

/// <summary>Checks of numeric tool arguments, repeated in code because the MCP SDK does not enforce input schemas.</summary>
internal static class Arguments
{
    public static void InRange(string field, long value, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            throw new McpException($"'{field}' must be between {minimum} and {maximum}; got {value}.");
        }
    }

    public static void Priority(string field, int? value)
    {
        if (value is { } priority)
        {
            InRange(field, priority, FieldLimits.MinPriority, FieldLimits.MaxPriority);
        }
    }

    public static void Id(string field, long value) => InRange(field, value, 1, long.MaxValue);

    public static void Version(string field, int? value)
    {
        if (value is { } version)
        {
            InRange(field, version, 1, int.MaxValue);
        }
    }

    public static void Count<T>(string field, IReadOnlyList<T>? items, int minimum, int maximum)
    {
        var count = items?.Count ?? 0;
        if (count < minimum || count > maximum)
        {
            throw new McpException($"'{field}' must hold between {minimum} and {maximum} items; got {count}.");
        }
    }

    /// <summary>Names a member of an argument, such as <c>tasks[2].title</c>, or just the member for a top-level argument.</summary>
    public static string Field(string parent, string member) => parent.Length == 0 ? member : $"{parent}.{member}";

    public static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();

    /// <summary>Returns the id when one is given, or <see langword="null"/> to look up by name; exactly one must be given.</summary>
    public static long? IdOrName(long? id, string? name)
    {
        if ((id is null) == (name is null))
        {
            throw new McpException("Give either 'id' or 'name', not both and not neither.");
        }

        if (id is { } key)
        {
            Id(nameof(id), key);
        }

        return id;
    }

    public static McpException Missing(string kind, long? id, string? name) =>
        new(id is { } key
            ? $"{kind} {key.ToString(System.Globalization.CultureInfo.InvariantCulture)} was not found."
            : $"{kind} named '{name}' was not found.");
}
