using System.Globalization;
using System.Text;
using AiMemory.Security.Sanitization;
using CsCheck;

namespace AiMemory.Security.Tests.Sanitization;

public sealed class InputSanitizerPropertyTests
{
    private static readonly string[] s_fragments =
    [
        "\u0000", "\u0007", "\u001B", "\u001B[", "\u001B[31m", "\u001B]0;t\u0007", "\u009B", "\u0085", "\t", "\n", "\r",
        "\u202A", "\u202E", "\u2066", "\u2069", "\u200E", "\u200F", "\u061C",
        "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u180E",
        "\uFE0E", "\uFE0F", "\U000E0100", "\u180B",
        "\U000E0001", "\U000E0020", "\U000E0041", "\U000E0067", "\U000E0062", "\U000E0065", "\U000E006E", "\U000E007F",
        "\U0001F3F4", "\U0001F468", "\U0001F469", "\U0001F3FD", "\u2764", "\u20E3", "#",
        "e", "\u0301", "\u0915", "\u094D", "\u0937", "\u0645", "\u06CC", "\u05D0", "\u1820", "\u1821",
        "\u4E2D", "\uF900", "\uFFFE", "\uFDD0", " ", "a", "<", ">", "=",
    ];

    private static readonly Gen<string> s_fragment = Gen.OneOf(
        Gen.OneOfConst(s_fragments),
        Gen.Int[0, 0x10FFFF].Where(value => value is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32),
        Gen.Char.Select(character => character.ToString()));

    private static readonly Gen<string> s_text = s_fragment.Array[0, 40].Select(string.Concat);

    private static readonly Gen<string> s_validText = s_text.Where(text => !HasUnpairedSurrogate(text));

    [Fact]
    public void Sanitize_AnyValidText_IsIdempotent()
    {
        s_validText.Sample(text =>
        {
            var once = InputSanitizer.Sanitize("content", text, int.MaxValue);
            var twice = InputSanitizer.Sanitize("content", once.Value, int.MaxValue);

            twice.Value.ShouldBe(once.Value);
            twice.Removed.ShouldBeEmpty();
        }, iter: 20_000);
    }

    [Fact]
    public void Sanitize_AnyValidText_LeavesNoBannedCodePoint()
    {
        s_validText.Sample(text =>
        {
            var value = InputSanitizer.Sanitize("content", text, int.MaxValue).Value;

            FindBannedCodePoint(value).ShouldBeNull($"input: {Escape(text)}, output: {Escape(value)}");
            value.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();
        }, iter: 20_000);
    }

    [Fact]
    public void Sanitize_AnyText_RejectsExactlyUnpairedSurrogates()
    {
        s_text.Sample(text =>
        {
            if (HasUnpairedSurrogate(text))
            {
                Should.Throw<InputRejectedException>(() => InputSanitizer.Sanitize("content", text, int.MaxValue));
            }
            else
            {
                Should.NotThrow(() => InputSanitizer.Sanitize("content", text, int.MaxValue));
            }
        }, iter: 10_000);
    }

    [Fact]
    public void Sanitize_AnyLimit_HoldsLengthBound()
    {
        Gen.Select(s_validText, Gen.Int[0, 60]).Sample((text, limit) =>
        {
            var unbounded = InputSanitizer.Sanitize("content", text, int.MaxValue).Value;
            if (unbounded.Length <= limit)
            {
                InputSanitizer.Sanitize("content", text, limit).Value.Length.ShouldBeLessThanOrEqualTo(limit);
            }
            else
            {
                Should.Throw<InputRejectedException>(() => InputSanitizer.Sanitize("content", text, limit)).Field.ShouldBe("content");
            }
        }, iter: 10_000);
    }

    /// <summary>An independent check of the output: the first code point that must never survive, or null.</summary>
    private static string? FindBannedCodePoint(string value)
    {
        var runes = value.EnumerateRunes().Select(rune => rune.Value).ToArray();
        for (var index = 0; index < runes.Length; index++)
        {
            var codePoint = runes[index];
            var previous = index > 0 ? runes[index - 1] : -1;
            var banned = codePoint switch
            {
                < 0x20 and not ('\t' or '\n' or '\r') => true,
                >= 0x7F and <= 0x9F => true,
                >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 => true,
                0x200B or 0x2060 or 0xFEFF or 0x00AD => true,
                >= 0xFDD0 and <= 0xFDEF => true,
                _ when (codePoint & 0xFFFE) == 0xFFFE => true,
                >= 0xE0000 and <= 0xE007F => !IsInsideSubdivisionFlag(runes, index),
                >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF =>
                    previous < 0 || previous is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF
                        || CharUnicodeInfo.GetUnicodeCategory(previous) is UnicodeCategory.Control or UnicodeCategory.Format
                            or UnicodeCategory.SpaceSeparator,
                _ => false,
            };
            if (banned)
            {
                return $"U+{codePoint:X4} at {index}";
            }
        }

        return null;
    }

    private static bool IsInsideSubdivisionFlag(int[] runes, int index)
    {
        var start = index;
        while (start > 0 && runes[start - 1] is >= 0xE0000 and <= 0xE007F)
        {
            start--;
        }

        return start > 0 && runes[start - 1] == 0x1F3F4;
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var index = 0; index < text.Length; index++)
        {
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(text[index]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(character => character is >= ' ' and <= '~' ? character.ToString() : $"\\u{(int)character:X4}"));
}
