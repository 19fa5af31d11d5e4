using AiMemory.Core.Model;

namespace AiMemory.Reliability.Writer;

/// <summary>
/// The memories the writer creates: content and tags are a function of the title, so a reader can check that a
/// stored memory is whole (every tag present, content unchanged) knowing only its title.
/// </summary>
public static class WrittenMemory
{
    /// <summary>The owner every written memory belongs to.</summary>
    public const string Owner = "writer";

    /// <summary>The draft of the memory with the given title.</summary>
    public static MemoryDraft Draft(string title) => new(title, ContentOf(title), Project: "durability", Tags: TagsOf(title));

    /// <summary>The content a memory with this title must have.</summary>
    public static string ContentOf(string title) => $"Written by the durability writer as {title}. " + new string('x', 200);

    /// <summary>The tags a memory with this title must have.</summary>
    public static IReadOnlyList<string> TagsOf(string title) => ["durable", "t-" + title, "g-" + (title.Length % 5)];

    /// <summary>Describes what is wrong with a stored memory, or returns <see langword="null"/> when it is whole.</summary>
    public static string? Damage(Memory memory)
    {
        if (memory.Content != ContentOf(memory.Title))
        {
            return $"memory {memory.Id} ({memory.Title}) has content that does not match its title";
        }

        var expected = TagsOf(memory.Title).Order(StringComparer.Ordinal);
        if (!memory.Tags.Order(StringComparer.Ordinal).SequenceEqual(expected))
        {
            return $"memory {memory.Id} ({memory.Title}) has tags [{string.Join(", ", memory.Tags)}]";
        }

        return memory.Project == "durability" ? null : $"memory {memory.Id} ({memory.Title}) lost its project";
    }
}
