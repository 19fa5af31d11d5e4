using System.Buffers;
using System.Text;

namespace AiMemory.Security.Sanitization;

/// <summary>
/// Canonicalises text to NFC and removes what is invisible or dangerous, while leaving legitimate text (emoji
/// sequences with joiners, CJK, right-to-left scripts, code and markup) unchanged.
/// </summary>
/// <remarks>
/// <para>Removed, and reported in <see cref="SanitizedText.Removed"/>:</para>
/// <list type="bullet">
/// <item>C0 controls other than tab, line feed and carriage return; DEL; C1 controls (U+0080-U+009F, including NEL).</item>
/// <item>ANSI escape sequences, whole: CSI (<c>ESC [</c> or U+009B, parameters, final byte), OSC/DCS/SOS/PM/APC strings
/// up to BEL or ST, and two-byte escapes. An ESC that starts no complete sequence is removed alone.</item>
/// <item>Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069).</item>
/// <item>The directional marks LRM, RLM and ALM (U+200E, U+200F, U+061C) when the text contains no right-to-left
/// letter. In Hebrew, Arabic and other right-to-left text they are kept, because writers use them there normally.</item>
/// <item>Unicode tag characters (U+E0000-U+E007F), except in an emoji subdivision flag: U+1F3F4, three to six tag
/// letters or digits, U+E007F (the flags of England, Scotland and Wales).</item>
/// <item>Invisible format characters: soft hyphen, zero width space, word joiner, invisible operators, byte order
/// mark, interlinear annotation controls and similar. The zero width joiner and non-joiner are kept between emoji
/// and between letters of scripts that shape with them (Arabic, Persian, the Indic scripts and others).</item>
/// <item>Variation selectors that do not follow a visible base character, including the second of a run.</item>
/// <item>Noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF and their counterparts in every plane).</item>
/// </list>
/// <para>
/// Normalisation to NFC is the one change legitimate text can see: it composes decomposed accents and maps the
/// CJK compatibility ideographs (U+F900-U+FAFF) to their unified forms, as any NFC normaliser does.
/// </para>
/// </remarks>
public static class InputSanitizer
{
    private static readonly SearchValues<char> s_printableAscii =
        SearchValues.Create("\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// Sanitises one field. Clean text is returned as the same string instance, without allocation.
    /// </summary>
    /// <param name="field">The field name used in error messages, such as <c>content</c>.</param>
    /// <param name="text">The text as received.</param>
    /// <param name="maxLength">The maximum length in UTF-16 code units after normalisation and removal.</param>
    /// <returns>The text to store and a description of what was removed.</returns>
    /// <exception cref="InputRejectedException">
    /// The text contains an unpaired surrogate, or is longer than <paramref name="maxLength"/> after normalisation.
    /// </exception>
    public static SanitizedText Sanitize(string field, string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);

        if (text.AsSpan().IndexOfAnyExcept(s_printableAscii) < 0)
        {
            EnsureWithinLimit(field, text, maxLength);
            return new SanitizedText(text, []);
        }

        var pass = new SanitizerPass(field, text);
        var cleaned = pass.Run() ?? text;
        var removed = pass.Removed;
        var value = ToNfc(cleaned);

        // NFC can reorder marks (U+0301 U+094D becomes U+094D U+0301), so a joiner that the pass kept can end up after a
        // mark where it is not allowed. Normalised text is checked again until a pass removes nothing, which must happen
        // because each pass removes a code point that normalisation never creates.
        while (!ReferenceEquals(value, cleaned))
        {
            var repeat = new SanitizerPass(field, value);
            var recleaned = repeat.Run();
            if (recleaned is null)
            {
                break;
            }

            removed.Add(repeat.Removed);
            cleaned = recleaned;
            value = ToNfc(cleaned);
        }

        EnsureWithinLimit(field, value, maxLength);
        return new SanitizedText(value, removed.Describe());
    }

    /// <summary>Returns <paramref name="text"/> itself when it is in NFC, else its NFC form.</summary>
    private static string ToNfc(string text) =>
        NfcQuickCheck.IsCertainlyNormalized(text) || text.IsNormalized(NormalizationForm.FormC)
            ? text
            : text.Normalize(NormalizationForm.FormC);

    private static void EnsureWithinLimit(string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw new InputRejectedException(
                field,
                $"'{field}' is too long: {value.Length} characters after Unicode normalisation; the maximum is {maxLength}.");
        }
    }
}
