using System.Text;
using AiMemory.Security.Sanitization;

namespace AiMemory.Security.Tests.Sanitization;

public sealed class InputSanitizerTests
{
    public static TheoryData<string> LegitimateTexts() =>
    [
        "plain ASCII with\ttab,\nnewline and\r\ncarriage return",
        "connection_string = x",
        "<script>alert('written about as text')</script>",
        "if (a && b) { return x[i] ?? y; } // code with symbols ~`!@#$%^&*()",
        "SELECT * FROM memories WHERE owner = 'default' -- comment",
        "\u4e2d\u6587\u6587\u672c\uff0c\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3001\ud55c\uad6d\uc5b4",
        "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 family",
        "\U0001F3F3\uFE0F\u200D\U0001F308 rainbow flag",
        "\U0001F469\U0001F3FD\u200D\U0001F4BB technologist with skin tone",
        "\u2764\uFE0F heart with emoji presentation",
        "#\uFE0F\u20E3 keycap",
        "\U0001F441\uFE0F\u200D\U0001F5E8\uFE0F eye in speech bubble",
        "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F flag of England",
        "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd Hebrew",
        "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 Arabic",
        "\u0645\u06cc\u200C\u062e\u0648\u0627\u0647\u0645 Persian with a zero width non-joiner",
        "\u0915\u094d\u200D\u0937 Devanagari with a zero width joiner",
        "\u05d0\u05d1\u05d2 123\u200F \u05d3 Hebrew with a right-to-left mark",
        "\u8fbb\U000E0100 ideographic variation sequence",
        "caf\u00e9 na\u00efve \u00c5ngstr\u00f6m",
        "\u00a0non-breaking\u2003em space\u3000ideographic space",
        "emoji \U0001F600\U0001F680 and math \U0001D49C",
    ];

    [Theory]
    [MemberData(nameof(LegitimateTexts))]
    public void Sanitize_LegitimateText_RoundTripsUnchanged(string text)
    {
        var result = InputSanitizer.Sanitize("content", text, 10_000);

        result.Value.ShouldBe(text);
        Encoding.UTF8.GetBytes(result.Value).ShouldBe(Encoding.UTF8.GetBytes(text));
        result.Removed.ShouldBeEmpty();
        result.Changed.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(LegitimateTexts))]
    public void Sanitize_LegitimateText_ReturnsSameInstance(string text) =>
        ReferenceEquals(InputSanitizer.Sanitize("content", text, 10_000).Value, text).ShouldBeTrue();

    [Theory]
    [InlineData("plain ASCII text that needs nothing")]
    [InlineData("\u4e2d\u6587 \U0001F468\u200D\U0001F469\u200D\U0001F467 \u05e9\u05dc\u05d5\u05dd caf\u00e9")]
    public void Sanitize_CleanText_AllocatesNothing(string text)
    {
        InputSanitizer.Sanitize("content", text, 10_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        InputSanitizer.Sanitize("content", text, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBe(0);
    }

    [Theory]
    [InlineData("a\u0000b", "ab", "1 control character")]
    [InlineData("a\u0001\u0008\u000B\u000C\u001Fb", "ab", "5 control characters")]
    [InlineData("a\u007F\u0080\u0085\u009Fb", "ab", "4 control characters")]
    [InlineData("red \u001B[31mtext\u001B[0m", "red text", "2 ANSI escape sequences")]
    [InlineData("\u001B[1;38;5;196mbold\u001B[22m", "bold", "2 ANSI escape sequences")]
    [InlineData("title\u001B]0;pwned\u0007 after", "title after", "1 ANSI escape sequence")]
    [InlineData("link \u001B]8;;http://x\u001B\\text", "link text", "1 ANSI escape sequence")]
    [InlineData("a\u001B(Bb", "ab", "1 ANSI escape sequence")]
    [InlineData("a\u001B7b", "ab", "1 ANSI escape sequence")]
    [InlineData("a\u009B2Jb", "ab", "1 ANSI escape sequence")]
    [InlineData("unterminated \u001B]0;title", "unterminated ]0;title", "1 control character")]
    [InlineData("incomplete \u001B[31", "incomplete [31", "1 control character")]
    [InlineData("abc\u202Eevil\u202C", "abcevil", "2 bidi control characters")]
    [InlineData("\u202A\u202B\u202D\u2066\u2067\u2068\u2069x", "x", "7 bidi control characters")]
    [InlineData("ascii\u200Eonly\u200F\u061C", "asciionly", "3 directional marks outside right-to-left text")]
    [InlineData("hidden\U000E0049\U000E0067\U000E006E\U000E006F\U000E0072\U000E0065", "hidden", "6 tag characters")]
    [InlineData("\U0001F600\U000E0041\U000E007F", "\U0001F600", "2 tag characters")]
    [InlineData("\U0001F3F4\U000E0041\U000E0042\U000E0043\U000E007F", "\U0001F3F4", "4 tag characters")]
    [InlineData("\U0001F3F4\U000E0061\U000E0062\U000E0063\U000E0064\U000E0065\U000E0066\U000E0067\U000E007F", "\U0001F3F4", "8 tag characters")]
    [InlineData("\U000E0001\U000E0065\U000E006Etext", "text", "3 tag characters")]
    [InlineData("zero\u200Bwidth\u2060joiner\uFEFFbom\u00ADshy", "zerowidthjoinerbomshy", "4 invisible format characters")]
    [InlineData("\u2061\u2062\u2063\u2064\u206A\u206F\uFFF9\uFFFB\U0001D173x", "x", "9 invisible format characters")]
    [InlineData("latin\u200Dletters\u200Cjoined", "latinlettersjoined", "2 invisible format characters")]
    [InlineData("\U0001F600\u200D", "\U0001F600", "1 invisible format character")]
    [InlineData("\u200D\U0001F600", "\U0001F600", "1 invisible format character")]
    [InlineData("a\u180Eb", "ab", "1 invisible format character")]
    [InlineData("\u2764\uFE0F\uFE0F\uFE0F", "\u2764\uFE0F", "2 stray variation selectors")]
    [InlineData("\uFE0Fstart", "start", "1 stray variation selector")]
    [InlineData("space \uFE0E", "space ", "1 stray variation selector")]
    [InlineData("\u8fbb\U000E0100\U000E0101", "\u8fbb\U000E0100", "1 stray variation selector")]
    [InlineData("a\uFFFE\uFFFF\uFDD0\U0001FFFE\U0010FFFFb", "ab", "5 noncharacters")]
    public void Sanitize_BannedContent_RemovesAndReports(string text, string expected, string removed)
    {
        var result = InputSanitizer.Sanitize("content", text, 10_000);

        result.Value.ShouldBe(expected);
        result.Removed.ShouldBe([removed]);
        result.Changed.ShouldBeTrue();
    }

    [Fact]
    public void Sanitize_SeveralKinds_ReportsEachKindOnce()
    {
        var result = InputSanitizer.Sanitize("content", "a\u0000\u202E\u200B\u0000b\u001B[0m", 100);

        result.Value.ShouldBe("ab");
        result.Removed.ShouldBe(["2 control characters", "1 ANSI escape sequence", "1 bidi control character", "1 invisible format character"]);
    }

    [Fact]
    public void Sanitize_DecomposedText_NormalisesToNfc()
    {
        var result = InputSanitizer.Sanitize("content", "cafe\u0301", 100);

        result.Value.ShouldBe("caf\u00e9");
        result.Removed.ShouldBeEmpty();
    }

    [Fact]
    public void Sanitize_RemovalExposingMark_NormalisesAgain()
    {
        var result = InputSanitizer.Sanitize("content", "e\u200B\u0301", 100);

        result.Value.ShouldBe("\u00e9");
        InputSanitizer.Sanitize("content", result.Value, 100).Value.ShouldBe(result.Value);
    }

    [Fact]
    public void Sanitize_NormalisationMovesMarkBeforeJoiner_IsIdempotent()
    {
        // NFC puts the virama (combining class 9) before the acute accent (230), so the joiner that followed the
        // virama follows the accent, where it is not kept.
        var result = InputSanitizer.Sanitize("content", "=3\u0000\U0001FB45\u0301\u094D\u200D\u05D0", 100);

        result.Value.ShouldBe("=3\U0001FB45\u094D\u0301\u05D0");
        result.Removed.ShouldBe(["1 control character", "1 invisible format character"]);
        InputSanitizer.Sanitize("content", result.Value, 100).Value.ShouldBe(result.Value);
    }

    // Built in code: test discovery would replace an unpaired surrogate in attribute data.
    [Theory]
    [InlineData("lone high ", '\uD83D', " end")]
    [InlineData("lone low ", '\uDE00', " end")]
    [InlineData("", '\uD83D', "")]
    [InlineData("\U0001F600 reversed pair ", '\uDE00', "\uD83D")]
    public void Sanitize_LoneSurrogate_Rejects(string before, char surrogate, string after)
    {
        var text = before + surrogate + after;

        var exception = Should.Throw<InputRejectedException>(() => InputSanitizer.Sanitize("title", text, 100));

        exception.Field.ShouldBe("title");
        exception.Message.ShouldBe($"'title' contains an unpaired UTF-16 surrogate at position {before.Length}; send valid Unicode text.");
    }

    [Fact]
    public void Sanitize_TooLong_RejectsNamingFieldAndLimit()
    {
        var exception = Should.Throw<InputRejectedException>(() => InputSanitizer.Sanitize("name", new string('x', 201), 200));

        exception.Field.ShouldBe("name");
        exception.Message.ShouldBe("'name' is too long: 201 characters after Unicode normalisation; the maximum is 200.");
    }

    [Fact]
    public void Sanitize_LengthAfterNormalisation_IsWhatCounts()
    {
        var decomposed = string.Concat(Enumerable.Repeat("e\u0301", 100));

        var result = InputSanitizer.Sanitize("name", decomposed, 100);

        result.Value.Length.ShouldBe(100);
    }

    [Fact]
    public void Sanitize_LengthAfterRemoval_IsWhatCounts()
    {
        var result = InputSanitizer.Sanitize("name", "abc\u200B\u200B\u200B", 3);

        result.Value.ShouldBe("abc");
    }

    [Fact]
    public void Sanitize_ManyUnterminatedOscIntroducers_StaysLinear()
    {
        var hostile = string.Concat(Enumerable.Repeat("\u001B]x", 200_000));

        var result = InputSanitizer.Sanitize("content", hostile, int.MaxValue);

        result.Value.ShouldBe(string.Concat(Enumerable.Repeat("]x", 200_000)));
    }

    [Fact]
    public void Sanitize_NullArguments_Throw()
    {
        Should.Throw<ArgumentNullException>(() => InputSanitizer.Sanitize(null!, "x", 1));
        Should.Throw<ArgumentNullException>(() => InputSanitizer.Sanitize("f", null!, 1));
        Should.Throw<ArgumentOutOfRangeException>(() => InputSanitizer.Sanitize("f", "x", -1));
    }
}
