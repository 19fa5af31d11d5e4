namespace AiMemory.Core.Storage.Sql;

/// <summary>Splits a search text into whitespace-separated tokens, each matched literally.</summary>
internal static class SearchTokens
{
    public static IReadOnlyList<string> Split(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Returns the length in Unicode code points, which is what the trigram tokenizer counts.</summary>
    public static int Length(string token) => token.EnumerateRunes().Count();

    /// <summary>
    /// Checks whether a token contains a character at or above U+2E80 (CJK, kana, Hangul, full-width forms, emoji),
    /// which word-based full-text parsers do not split into words, so the token is matched as a substring.
    /// </summary>
    public static bool NeedsSubstringMatch(string token) => token.Any(character => character >= '\u2E80');

    /// <summary>Returns a LIKE pattern that finds the token anywhere, with <c>\</c> as the escape character.</summary>
    public static string LikePattern(string token) =>
        "%" + token.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
