namespace AiMemory.Security.Sanitization;

/// <summary>Measures ANSI (ECMA-48) escape sequences so that the sanitiser removes each one whole.</summary>
internal static class EscapeSequences
{
    private const char Bell = '\u0007';
    private const char StringTerminator = '\u009C';

    /// <summary>
    /// Returns the length of the escape sequence that starts at <paramref name="index"/> (an ESC or a C1 CSI), or 1
    /// when the introducer starts no complete sequence; then only the introducer is removed and what follows stays
    /// as plain, harmless text.
    /// </summary>
    /// <param name="unterminatedStringFrom">
    /// The lowest position from which a search for a string terminator already failed; it keeps a run of
    /// unterminated OSC introducers linear in the text length.
    /// </param>
    public static int Measure(ReadOnlySpan<char> text, int index, ref int unterminatedStringFrom)
    {
        if (text[index] == UnicodeRules.ControlSequenceIntroducer)
        {
            var end = MeasureControlSequence(text, index + 1);
            return end < 0 ? 1 : end - index;
        }

        if (index + 1 >= text.Length)
        {
            return 1;
        }

        var next = text[index + 1];
        switch (next)
        {
            case '[':
                var end = MeasureControlSequence(text, index + 2);
                return end < 0 ? 1 : end - index;

            // OSC, DCS, SOS, PM and APC carry a string up to BEL or ST.
            case ']' or 'P' or 'X' or '^' or '_':
                var stringEnd = FindStringEnd(text, index + 2, ref unterminatedStringFrom);
                return stringEnd < 0 ? 1 : stringEnd - index;

            // nF: intermediate bytes, then a final byte.
            case >= ' ' and <= '/':
                var position = index + 1;
                while (position < text.Length && text[position] is >= ' ' and <= '/')
                {
                    position++;
                }

                return position < text.Length && text[position] is >= '0' and <= '~' ? position + 1 - index : 1;

            // Fp, Fe and Fs: one final byte.
            case >= '0' and <= '~':
                return 2;

            default:
                return 1;
        }
    }

    /// <summary>Returns the position after a CSI's final byte, or -1 when the sequence is incomplete.</summary>
    private static int MeasureControlSequence(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && text[position] is >= '0' and <= '?')
        {
            position++;
        }

        while (position < text.Length && text[position] is >= ' ' and <= '/')
        {
            position++;
        }

        return position < text.Length && text[position] is >= '@' and <= '~' ? position + 1 : -1;
    }

    private static int FindStringEnd(ReadOnlySpan<char> text, int position, ref int unterminatedStringFrom)
    {
        if (position >= unterminatedStringFrom)
        {
            return -1;
        }

        for (var current = position; current < text.Length; current++)
        {
            switch (text[current])
            {
                case Bell or StringTerminator:
                    return current + 1;
                case (char)UnicodeRules.Escape when current + 1 < text.Length && text[current + 1] == '\\':
                    return current + 2;
            }
        }

        unterminatedStringFrom = position;
        return -1;
    }
}
