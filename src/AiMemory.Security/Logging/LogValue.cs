using System.Text;

namespace AiMemory.Security.Logging;

/// <summary>
/// Makes values taken from requests safe to write into a log line: control characters, line and paragraph
/// separators and bidi controls become <c>\uXXXX</c>, so a value cannot start a forged line or reorder the text
/// around it, and long values are cut.
/// </summary>
public static class LogValue
{
    /// <summary>The longest escaped value written to a log.</summary>
    public const int MaxLength = 200;

    /// <summary>Escapes <paramref name="value"/> for a log line; <see langword="null"/> becomes <c>(none)</c>.</summary>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var needsEscaping = false;
        foreach (var character in value)
        {
            if (MustEscape(character))
            {
                needsEscaping = true;
                break;
            }
        }

        if (!needsEscaping && value.Length <= MaxLength)
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxLength) + 16);
        foreach (var character in value)
        {
            if (builder.Length >= MaxLength)
            {
                builder.Append("...");
                break;
            }

            if (MustEscape(character))
            {
                builder.Append("\\u").Append(((int)character).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    private static bool MustEscape(char character) =>
        character is < ' ' or >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029'
            or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
