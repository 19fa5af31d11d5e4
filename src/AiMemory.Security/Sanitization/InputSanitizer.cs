namespace AiMemory.Security.Sanitization;

/// <summary>
/// Canonicalises text to NFC and removes what is invisible or dangerous (C0 and C1 controls other than tab,
/// line feed and carriage return, ANSI escape sequences, bidi embedding, override and isolate controls,
/// Unicode tag characters, stray zero-width and other format characters, runs of variation selectors), while
/// leaving legitimate text (emoji sequences with joiners, CJK, right-to-left scripts, code and markup) unchanged.
/// </summary>
public static class InputSanitizer
{
    /// <summary>
    /// Sanitises one field. Throws <see cref="InputRejectedException"/> for a lone surrogate or when the
    /// normalised, cleaned text is longer than <paramref name="maxLength"/> characters.
    /// </summary>
    /// <param name="field">The field name used in error messages, such as <c>content</c>.</param>
    /// <param name="text">The text as received.</param>
    /// <param name="maxLength">The maximum length in UTF-16 code units after normalisation.</param>
    public static SanitizedText Sanitize(string field, string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(text);
        throw new NotImplementedException("The sanitiser is being written in AiMemory.Security.");
    }
}
