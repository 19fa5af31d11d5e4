using System.Globalization;
using System.Text.Json;

namespace AiMemory.Core.Mcp;

/// <summary>
/// Checks tool arguments against the tool's input schema before the tool runs, because the MCP SDK (2.4.0)
/// binds arguments without enforcing the schema and reports a wrong type only as a generic error. It covers the
/// keywords the AiMemory schemas use: type, required, properties, items, enum, minimum, maximum, minLength,
/// maxLength, minItems, maxItems and the date-time format. Unknown argument names are rejected too.
/// </summary>
internal static class ArgumentValidator
{
    /// <summary>Returns a message naming the first invalid argument, or <see langword="null"/> when all are valid.</summary>
    public static string? Validate(JsonElement schema, IDictionary<string, JsonElement>? arguments) =>
        ValidateObject("", schema, arguments is null ? [] : arguments.Select(pair => (pair.Key, pair.Value)));

    private static string? ValidateObject(string path, JsonElement schema, IEnumerable<(string Name, JsonElement Value)> members)
    {
        var properties = schema.TryGetProperty("properties", out var declared) && declared.ValueKind == JsonValueKind.Object
            ? declared
            : default;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in members)
        {
            present.Add(name);
            var field = path.Length == 0 ? name : $"{path}.{name}";
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var propertySchema))
            {
                return $"'{field}' is not a known argument.";
            }

            var error = ValidateValue(field, propertySchema, value);
            if (error is not null)
            {
                return error;
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(item => item.GetString()))
            {
                if (name is not null && !present.Contains(name))
                {
                    return $"'{(path.Length == 0 ? name : $"{path}.{name}")}' is required but missing.";
                }
            }
        }

        return null;
    }

    private static string? ValidateValue(string field, JsonElement schema, JsonElement value)
    {
        var types = AllowedTypes(schema);
        var actual = TypeOf(value);
        if (types.Count > 0 && !types.Contains(actual) && !(actual == "integer" && types.Contains("number")))
        {
            return $"'{field}' must be {string.Join(" or ", types)}; got {actual}.";
        }

        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array && actual != "null" &&
            !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            var names = string.Join(", ", allowed.EnumerateArray().Select(option => option.ToString()));
            return $"'{field}' must be one of: {names}.";
        }

        return actual switch
        {
            "string" => ValidateString(field, schema, value.GetString()!),
            "integer" or "number" => ValidateNumber(field, schema, value),
            "array" => ValidateArray(field, schema, value),
            "object" => ValidateObject(field, schema, value.EnumerateObject().Select(member => (member.Name, member.Value))),
            _ => null,
        };
    }

    private static string? ValidateString(string field, JsonElement schema, string text)
    {
        if (Number(schema, "maxLength") is { } maxLength && text.Length > maxLength)
        {
            return $"'{field}' is {text.Length} characters long; the limit is {maxLength}.";
        }

        if (Number(schema, "minLength") is { } minLength && text.Length < minLength)
        {
            return $"'{field}' must be at least {minLength} characters long.";
        }

        if (schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" &&
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return $"'{field}' must be an ISO 8601 date and time such as 2026-01-31T17:00:00Z.";
        }

        return null;
    }

    private static string? ValidateNumber(string field, JsonElement schema, JsonElement value)
    {
        var number = value.GetDouble();
        if (Number(schema, "minimum") is { } minimum && number < minimum)
        {
            return $"'{field}' must be at least {Format(minimum)}; got {value.GetRawText()}.";
        }

        if (Number(schema, "maximum") is { } maximum && number > maximum)
        {
            return $"'{field}' must be at most {Format(maximum)}; got {value.GetRawText()}.";
        }

        return null;
    }

    private static string? ValidateArray(string field, JsonElement schema, JsonElement value)
    {
        var count = value.GetArrayLength();
        var maxItems = Number(schema, "maxItems") ?? Number(schema, "maxLength");
        if (maxItems is { } maximum && count > maximum)
        {
            return $"'{field}' has {count} items; the limit is {Format(maximum)}.";
        }

        var minItems = Number(schema, "minItems") ?? Number(schema, "minLength");
        if (minItems is { } minimum && count < minimum)
        {
            return $"'{field}' must have at least {Format(minimum)} items.";
        }

        if (!schema.TryGetProperty("items", out var itemSchema))
        {
            return null;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var error = ValidateValue($"{field}[{index++}]", itemSchema, item);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static List<string> AllowedTypes(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(item => item.GetString() ?? "").ToList()
            : [type.GetString() ?? ""];
    }

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };

    private static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var number) && number.ValueKind == JsonValueKind.Number ? number.GetDouble() : null;

    private static string Format(double number) => number.ToString("0.##", CultureInfo.InvariantCulture);
}
