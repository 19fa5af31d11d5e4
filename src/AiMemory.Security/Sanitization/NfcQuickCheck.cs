namespace AiMemory.Security.Sanitization;

/// <summary>
/// A conservative, allocation-free test for text that is certainly in NFC. The runtime's
/// <see cref="string.IsNormalized()"/> allocates on every call when it calls into ICU, so the sanitiser asks it only
/// about text this check cannot settle.
/// </summary>
internal static class NfcQuickCheck
{
    /// <summary>
    /// Returns <see langword="true"/> when every code point is a starter (canonical combining class 0) whose NFC
    /// quick-check property is Yes, taken from blocks known to contain only such code points; such text is in NFC.
    /// Returns <see langword="false"/> when unsure.
    /// </summary>
    public static bool IsCertainlyNormalized(ReadOnlySpan<char> text)
    {
        foreach (var character in text)
        {
            if (!IsSafe(character))
            {
                return false;
            }
        }

        return true;
    }

    // Surrogates are checked by their high half: D83C-D83E covers U+1F000-U+1FBFF (emoji and symbols) and DB40
    // covers U+E0000-U+E03FF (tags and ideographic variation selectors); all of these are starters without
    // decompositions. The sanitiser has already rejected unpaired surrogates.
    private static bool IsSafe(char character) => character is
        < '\u0300' // Basic Latin to Spacing Modifier Letters
        or >= '\u05D0' and <= '\u05EA' // Hebrew letters
        or >= '\u0620' and <= '\u064A' // Arabic letters
        or >= '\u2002' and <= '\u206F' // General Punctuation, except the singletons U+2000 and U+2001
        or '\u20E3' // combining enclosing keycap (class 0)
        or >= '\u3001' and <= '\u3029' // CJK punctuation before the combining tone marks
        or >= '\u3041' and <= '\u3096' // Hiragana
        or >= '\u30A1' and <= '\u30FA' // Katakana
        or >= '\u3400' and <= '\u4DBF' // CJK Unified Ideographs Extension A
        or >= '\u4E00' and <= '\u9FFF' // CJK Unified Ideographs
        or >= '\uAC00' and <= '\uD7A3' // Hangul syllables
        or '\uFE0E' or '\uFE0F' // text and emoji variation selectors
        or >= '\uFF01' and <= '\uFF60' // fullwidth forms
        or >= '\uD83C' and <= '\uD83E' or '\uDB40' // high surrogates, see above
        or >= '\uDC00' and <= '\uDFFF'; // low surrogates of the pairs above
}
