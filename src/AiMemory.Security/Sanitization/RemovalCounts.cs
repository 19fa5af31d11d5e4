namespace AiMemory.Security.Sanitization;

/// <summary>Counts of what one sanitiser pass removed, by kind.</summary>
internal struct RemovalCounts
{
    public int Controls;
    public int EscapeSequences;
    public int BidiControls;
    public int DirectionalMarks;
    public int TagCharacters;
    public int FormatCharacters;
    public int VariationSelectors;
    public int Noncharacters;

    public readonly bool Any =>
        (Controls | EscapeSequences | BidiControls | DirectionalMarks | TagCharacters | FormatCharacters | VariationSelectors | Noncharacters) != 0;

    /// <summary>Adds the counts of a later pass over the same text.</summary>
    public void Add(in RemovalCounts other)
    {
        Controls += other.Controls;
        EscapeSequences += other.EscapeSequences;
        BidiControls += other.BidiControls;
        DirectionalMarks += other.DirectionalMarks;
        TagCharacters += other.TagCharacters;
        FormatCharacters += other.FormatCharacters;
        VariationSelectors += other.VariationSelectors;
        Noncharacters += other.Noncharacters;
    }

    public readonly IReadOnlyList<string> Describe()
    {
        if (!Any)
        {
            return [];
        }

        var descriptions = new List<string>(capacity: 4);
        Add(descriptions, Controls, "control character", "control characters");
        Add(descriptions, EscapeSequences, "ANSI escape sequence", "ANSI escape sequences");
        Add(descriptions, BidiControls, "bidi control character", "bidi control characters");
        Add(descriptions, DirectionalMarks, "directional mark outside right-to-left text", "directional marks outside right-to-left text");
        Add(descriptions, TagCharacters, "tag character", "tag characters");
        Add(descriptions, FormatCharacters, "invisible format character", "invisible format characters");
        Add(descriptions, VariationSelectors, "stray variation selector", "stray variation selectors");
        Add(descriptions, Noncharacters, "noncharacter", "noncharacters");
        return descriptions;
    }

    private static void Add(List<string> descriptions, int count, string singular, string plural)
    {
        if (count > 0)
        {
            descriptions.Add(count == 1 ? $"1 {singular}" : $"{count} {plural}");
        }
    }
}
