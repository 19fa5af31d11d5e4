using System.Buffers;
using System.Diagnostics;

namespace AiMemory.Security.Sanitization;

/// <summary>
/// One left-to-right pass that removes banned code points. It allocates its output buffer only at the first
/// removal, so clean text passes through without a copy. Context rules (a variation selector after a base, a
/// joiner between two joinable characters) look at the last code point kept and at the next code point of the
/// input, which makes a second pass over the output remove nothing.
/// </summary>
internal ref struct SanitizerPass
{
    // Every BMP character that may need a decision; everything else is copied as it is.
    private static readonly SearchValues<char> s_interesting = SearchValues.Create(BuildInterestingCharacters());

    private readonly string _field;
    private readonly ReadOnlySpan<char> _input;
    private char[]? _buffer;
    private int _length;
    private int _lastKept;
    private int _keptDirectionalMarks;
    private int _unterminatedStringFrom;

    public RemovalCounts Removed;

    public SanitizerPass(string field, string input)
    {
        _field = field;
        _input = input;
        _lastKept = -1;
        _unterminatedStringFrom = int.MaxValue;
    }

    /// <summary>Runs the pass and returns the cleaned text, or <see langword="null"/> when nothing was removed.</summary>
    public string? Run()
    {
        var input = _input;
        var index = 0;
        try
        {
            while (index < input.Length)
            {
                var offset = input[index..].IndexOfAny(s_interesting);
                var stop = offset < 0 ? input.Length : index + offset;
                if (stop > index)
                {
                    Keep(input[index..stop]);
                    _lastKept = input[stop - 1];
                }

                if (offset < 0)
                {
                    break;
                }

                index = stop + Decide(stop);
            }

            var output = _buffer is null ? null : new string(_buffer, 0, _length);
            return _keptDirectionalMarks > 0 ? RemoveDirectionalMarksOutsideRightToLeftText(output) : output;
        }
        finally
        {
            if (_buffer is not null)
            {
                ArrayPool<char>.Shared.Return(_buffer);
            }
        }
    }

    /// <summary>Keeps or removes the code point or sequence at <paramref name="index"/> and returns how many chars it spans.</summary>
    private int Decide(int index)
    {
        // Fast path for pictographs and emoji (U+1F000-U+1FBFF): none is banned, and only the waving black flag can
        // start a tag sequence.
        if (_input[index] is >= '\uD83C' and <= '\uD83E' && index + 1 < _input.Length && char.IsLowSurrogate(_input[index + 1]))
        {
            var pictograph = char.ConvertToUtf32(_input[index], _input[index + 1]);
            if (pictograph != UnicodeRules.WavingBlackFlag)
            {
                return KeepCodePoint(index, 2, pictograph);
            }
        }

        var codePoint = ReadCodePoint(index, out var width);
        switch (codePoint)
        {
            case UnicodeRules.Escape or UnicodeRules.ControlSequenceIntroducer:
                var sequenceLength = EscapeSequences.Measure(_input, index, ref _unterminatedStringFrom);
                if (sequenceLength > 1)
                {
                    Removed.EscapeSequences++;
                    return Remove(index, sequenceLength);
                }

                Removed.Controls++;
                return Remove(index, 1);

            case UnicodeRules.ZeroWidthJoiner or UnicodeRules.ZeroWidthNonJoiner:
                return UnicodeRules.IsJoinerAllowed(_lastKept, PeekCodePoint(index + 1))
                    ? KeepCodePoint(index, width, codePoint)
                    : RemoveFormat(index, width);

            case UnicodeRules.MongolianVowelSeparator:
                return UnicodeRules.IsMongolianLetter(_lastKept) && UnicodeRules.IsMongolianLetter(PeekCodePoint(index + 1))
                    ? KeepCodePoint(index, width, codePoint)
                    : RemoveFormat(index, width);

            case UnicodeRules.WavingBlackFlag:
                var tagLength = MeasureTagSequence(index + width);
                KeepCodePoint(index, width + tagLength, tagLength > 0 ? UnicodeRules.CancelTag : codePoint);
                return width + tagLength;
        }

        if (UnicodeRules.IsControl(codePoint))
        {
            Removed.Controls++;
            return Remove(index, width);
        }

        if (UnicodeRules.IsBidiControl(codePoint))
        {
            Removed.BidiControls++;
            return Remove(index, width);
        }

        if (UnicodeRules.IsDirectionalMark(codePoint))
        {
            // Kept for now: whether the output contains right-to-left text is known only at the end.
            _keptDirectionalMarks++;
            return KeepCodePoint(index, width, codePoint);
        }

        if (UnicodeRules.IsVariationSelector(codePoint))
        {
            if (UnicodeRules.IsVariationBase(_lastKept))
            {
                return KeepCodePoint(index, width, codePoint);
            }

            Removed.VariationSelectors++;
            return Remove(index, width);
        }

        if (UnicodeRules.IsNoncharacter(codePoint))
        {
            Removed.Noncharacters++;
            return Remove(index, width);
        }

        if (UnicodeRules.IsTag(codePoint))
        {
            Removed.TagCharacters++;
            return Remove(index, width);
        }

        return UnicodeRules.IsBannedFormat(codePoint) ? RemoveFormat(index, width) : KeepCodePoint(index, width, codePoint);
    }

    private int ReadCodePoint(int index, out int width)
    {
        var current = _input[index];
        if (!char.IsSurrogate(current))
        {
            width = 1;
            return current;
        }

        if (char.IsHighSurrogate(current) && index + 1 < _input.Length && char.IsLowSurrogate(_input[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(current, _input[index + 1]);
        }

        throw new InputRejectedException(
            _field,
            $"'{_field}' contains an unpaired UTF-16 surrogate at position {index}; send valid Unicode text.");
    }

    /// <summary>Returns the code point at <paramref name="index"/>, or -1 past the end or at an unpaired surrogate.</summary>
    private readonly int PeekCodePoint(int index)
    {
        if (index >= _input.Length)
        {
            return -1;
        }

        var current = _input[index];
        if (!char.IsSurrogate(current))
        {
            return current;
        }

        return char.IsHighSurrogate(current) && index + 1 < _input.Length && char.IsLowSurrogate(_input[index + 1])
            ? char.ConvertToUtf32(current, _input[index + 1])
            : -1;
    }

    /// <summary>
    /// Measures a valid emoji tag sequence after a waving black flag: three to six tag letters or digits (a
    /// subdivision code such as <c>gbeng</c>) and a cancel tag. Returns 0 when none follows, so the tags are removed.
    /// A longer run could smuggle hidden text, which is why the length is bounded.
    /// </summary>
    private readonly int MeasureTagSequence(int index)
    {
        var count = 0;
        var position = index;
        while (true)
        {
            var codePoint = PeekCodePoint(position);
            if (codePoint == UnicodeRules.CancelTag)
            {
                return count is >= 3 and <= 6 ? position + 2 - index : 0;
            }

            if (!UnicodeRules.IsTagLetterOrDigit(codePoint) || ++count > 6)
            {
                return 0;
            }

            position += 2;
        }
    }

    /// <summary>
    /// Removes the directional marks LRM, RLM and ALM when the output has no right-to-left letter to order. The
    /// check runs on the output because an escape sequence removed earlier may have contained the only such letter.
    /// </summary>
    private string? RemoveDirectionalMarksOutsideRightToLeftText(string? output)
    {
        var text = output ?? _input.ToString();
        if (ContainsRightToLeftLetter(text))
        {
            return output;
        }

        // The marks are BMP characters, so a char-by-char copy cannot split a surrogate pair.
        var kept = new char[text.Length];
        var length = 0;
        foreach (var character in text)
        {
            if (!UnicodeRules.IsDirectionalMark(character))
            {
                kept[length++] = character;
            }
        }

        Removed.DirectionalMarks += _keptDirectionalMarks;
        return new string(kept, 0, length);
    }

    private static bool ContainsRightToLeftLetter(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (UnicodeRules.IsRightToLeftLetter(rune.Value))
            {
                return true;
            }
        }

        return false;
    }

    private int KeepCodePoint(int index, int width, int lastCodePoint)
    {
        Keep(_input.Slice(index, width));
        _lastKept = lastCodePoint;
        return width;
    }

    private int RemoveFormat(int index, int width)
    {
        Removed.FormatCharacters++;
        return Remove(index, width);
    }

    private int Remove(int index, int width)
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<char>.Shared.Rent(_input.Length);
            _input[..index].CopyTo(_buffer);
            _length = index;
        }

        return width;
    }

    private void Keep(ReadOnlySpan<char> characters)
    {
        if (_buffer is not null)
        {
            Debug.Assert(_length + characters.Length <= _buffer.Length, "Output never exceeds the input.");
            characters.CopyTo(_buffer.AsSpan(_length));
            _length += characters.Length;
        }
    }

    private static string BuildInterestingCharacters()
    {
        var characters = new List<char>();
        for (var value = 0; value <= 0xFFFF; value++)
        {
            var isInteresting = UnicodeRules.IsControl(value) || UnicodeRules.IsBidiControl(value)
                || UnicodeRules.IsDirectionalMark(value) || UnicodeRules.IsVariationSelector(value)
                || UnicodeRules.IsBannedFormat(value) || UnicodeRules.IsNoncharacter(value) || value is UnicodeRules.ZeroWidthJoiner or UnicodeRules.ZeroWidthNonJoiner
                    or UnicodeRules.MongolianVowelSeparator or >= 0xD800 and <= 0xDFFF;
            if (isInteresting)
            {
                characters.Add((char)value);
            }
        }

        return new string(characters.ToArray());
    }
}
