using System.Globalization;

namespace AiMemory.Security.Sanitization;

/// <summary>
/// The code point classes the sanitiser acts on. Ranges are written out (as of Unicode 16) instead of read from
/// the runtime's category tables, so that the result does not change with the runtime's Unicode version.
/// </summary>
internal static class UnicodeRules
{
    public const int Escape = 0x1B;
    public const int ControlSequenceIntroducer = 0x9B;
    public const int ZeroWidthNonJoiner = 0x200C;
    public const int ZeroWidthJoiner = 0x200D;
    public const int MongolianVowelSeparator = 0x180E;
    public const int WavingBlackFlag = 0x1F3F4;
    public const int CancelTag = 0xE007F;

    /// <summary>C0 controls other than tab, line feed and carriage return; DEL; C1 controls.</summary>
    public static bool IsControl(int codePoint) =>
        (codePoint < 0x20 && codePoint is not ('\t' or '\n' or '\r')) || codePoint is >= 0x7F and <= 0x9F;

    /// <summary>Bidi embedding, override and isolate controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI).</summary>
    public static bool IsBidiControl(int codePoint) => codePoint is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    /// <summary>The implicit directional marks LRM, RLM and ALM.</summary>
    public static bool IsDirectionalMark(int codePoint) => codePoint is 0x200E or 0x200F or 0x061C;

    /// <summary>
    /// Noncharacters: U+FDD0-U+FDEF and the last two code points of every plane. Unicode reserves them for internal
    /// use, and the runtime's normaliser rejects U+FFFE.
    /// </summary>
    public static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;

    /// <summary>The Unicode tag characters U+E0000 to U+E007F.</summary>
    public static bool IsTag(int codePoint) => codePoint is >= 0xE0000 and <= 0xE007F;

    /// <summary>Variation selectors: VS1-VS16, VS17-VS256 and the Mongolian free variation selectors.</summary>
    public static bool IsVariationSelector(int codePoint) =>
        codePoint is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF or >= 0x180B and <= 0x180D or 0x180F;

    /// <summary>
    /// Invisible format characters that no script needs: soft hyphen, zero width space, word joiner, invisible
    /// operators, deprecated format characters, byte order mark, interlinear annotation and musical format controls.
    /// Format characters that scripts use visibly (Arabic number signs, Egyptian hieroglyph and Duployan format
    /// controls) are not in this set.
    /// </summary>
    public static bool IsBannedFormat(int codePoint) => codePoint is
        0x00AD or 0x200B or >= 0x2060 and <= 0x2065 or >= 0x206A and <= 0x206F or 0xFEFF
        or >= 0xFFF9 and <= 0xFFFB or >= 0x1D173 and <= 0x1D17A;

    /// <summary>A tag letter or digit, as used in emoji subdivision flags (U+E0030-U+E0039, U+E0061-U+E007A).</summary>
    public static bool IsTagLetterOrDigit(int codePoint) => codePoint is >= 0xE0030 and <= 0xE0039 or >= 0xE0061 and <= 0xE007A;

    /// <summary>
    /// Whether a variation selector may follow <paramref name="previous"/>: a visible character, not the start of
    /// the text, a space, a control, a format character or another variation selector.
    /// </summary>
    public static bool IsVariationBase(int previous)
    {
        if (previous < 0 || IsVariationSelector(previous))
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(previous) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
    }

    /// <summary>
    /// Whether a zero width joiner or non-joiner between <paramref name="previous"/> and <paramref name="next"/> is
    /// legitimate: inside an emoji sequence, or between letters or marks of a script that shapes with joiners.
    /// </summary>
    public static bool IsJoinerAllowed(int previous, int next)
    {
        if (previous < 0 || next < 0)
        {
            return false;
        }

        if (IsEmojiJoinLeft(previous) && CharUnicodeInfo.GetUnicodeCategory(next) == UnicodeCategory.OtherSymbol)
        {
            return true;
        }

        return IsJoiningScriptLetterOrMark(previous) && IsJoiningScriptLetterOrMark(next);
    }

    /// <summary>Whether <paramref name="codePoint"/> is a Mongolian letter, for the Mongolian vowel separator.</summary>
    public static bool IsMongolianLetter(int codePoint) =>
        codePoint is >= 0x1820 and <= 0x18AF && CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.OtherLetter;

    /// <summary>Whether <paramref name="codePoint"/> is a letter of a right-to-left script.</summary>
    public static bool IsRightToLeftLetter(int codePoint) =>
        codePoint is >= 0x0590 and <= 0x08FF or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFE
            or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EFFF
        && IsLetter(codePoint);

    private static bool IsEmojiJoinLeft(int codePoint) =>
        codePoint is 0xFE0F or >= 0x1F3FB and <= 0x1F3FF
        || CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.OtherSymbol;

    private static bool IsJoiningScriptLetterOrMark(int codePoint)
    {
        var inJoiningScript = codePoint is
            >= 0x0590 and <= 0x08FF // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic
            or >= 0x0900 and <= 0x0DFF // Devanagari to Sinhala
            or >= 0x0F00 and <= 0x0FFF // Tibetan
            or >= 0x1000 and <= 0x109F // Myanmar
            or >= 0x1780 and <= 0x18AF // Khmer, Mongolian
            or >= 0xA840 and <= 0xA8FF // Phags-pa, Saurashtra, Devanagari Extended
            or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFE // Hebrew and Arabic presentation forms
            or >= 0x10A00 and <= 0x10A5F // Kharoshthi
            or >= 0x11000 and <= 0x11DFF; // Brahmi and the other Brahmic scripts

        if (!inJoiningScript || IsVariationSelector(codePoint))
        {
            return false;
        }

        return IsLetter(codePoint) || CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    private static bool IsLetter(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter;
}
