using System.Text;

namespace AiMemory.Benchmarks.Compare.Stdio;

/// <summary>One note to store: the same title and text go to both servers.</summary>
internal sealed record MemoryItem(long Id, string Title, string Content);

/// <summary>
/// Deterministic notes of 30 to 50 everyday words. <see cref="RareWord"/> is in 1 note of 100 and
/// <see cref="CommonWord"/> in 1 of 10; no other word contains either, so a substring match finds exactly those notes.
/// </summary>
internal static class MemoryWorkload
{
    /// <summary>Items per seeding call: the maximum that AiMemory's import_memories accepts.</summary>
    public const int SeedBatchSize = 100;

    /// <summary>A word in 1 note of 100.</summary>
    public const string RareWord = "kubernetes";

    /// <summary>A word in 1 note of 10.</summary>
    public const string CommonWord = "database";

    private static readonly string[] Vocabulary =
    [
        "meeting", "review", "deploy", "release", "customer", "invoice", "budget", "schedule", "design", "feedback",
        "morning", "evening", "weekly", "monthly", "report", "summary", "decision", "preference", "project", "team",
        "coffee", "lunch", "travel", "flight", "hotel", "train", "office", "remote", "laptop", "monitor",
        "keyboard", "printer", "network", "server", "backup", "password", "account", "profile", "email", "calendar",
        "reminder", "deadline", "priority", "estimate", "sprint", "backlog", "ticket", "issue", "bug", "fix",
        "test", "build", "pipeline", "branch", "merge", "commit", "version", "library", "package", "module",
        "function", "method", "class", "interface", "record", "field", "value", "number", "string", "list",
        "table", "chart", "graph", "slide", "document", "draft", "final", "approved", "pending", "blocked",
        "vendor", "contract", "license", "renewal", "payment", "refund", "order", "shipping", "warehouse", "stock",
        "garden", "kitchen", "recipe", "dinner", "birthday", "gift", "holiday", "weekend", "family", "friend",
        "the", "a", "with", "for", "about", "after", "before", "during", "and", "or", "prefers", "likes", "uses", "needs",
    ];

    /// <summary>Returns note <paramref name="index"/>; the same index always yields the same note.</summary>
    public static MemoryItem Item(long index)
    {
        var random = new Random(unchecked((int)(index * 7919 + 17)));
        var wordCount = random.Next(30, 51);
        var text = new StringBuilder();
        for (var word = 0; word < wordCount; word++)
        {
            if (word > 0)
            {
                text.Append(' ');
            }

            text.Append(Vocabulary[random.Next(Vocabulary.Length)]);
            if (word == 5 && index % 100 == 42)
            {
                text.Append(' ').Append(RareWord);
            }

            if (word == 9 && index % 10 == 3)
            {
                text.Append(' ').Append(CommonWord);
            }
        }

        return new MemoryItem(index + 1, $"Note {index}", text.ToString());
    }

    /// <summary>Returns the notes with indexes from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public static IReadOnlyList<MemoryItem> Items(long start, long end)
    {
        var items = new List<MemoryItem>((int)(end - start));
        for (var index = start; index < end; index++)
        {
            items.Add(Item(index));
        }

        return items;
    }
}
