namespace AiMemory.Core.Mcp;

/// <summary>
/// The limits of every text, list and page argument the MCP tools accept. Lengths are in UTF-16 code units after
/// Unicode normalisation (NFC), as <see cref="AiMemory.Security.Sanitization.InputSanitizer"/> measures them.
/// The input schemas advertise the same numbers, and the tools check them again in code.
/// </summary>
public static class FieldLimits
{
    /// <summary>A memory, task or instruction title: 200.</summary>
    public const int Title = 200;

    /// <summary>The text of a memory or an AI instruction: 65,536.</summary>
    public const int Content = 65_536;

    /// <summary>The description of a task, project or category: 16,384.</summary>
    public const int Description = 16_384;

    /// <summary>One tag: 64.</summary>
    public const int Tag = 64;

    /// <summary>The number of tags on one memory or task, and in one tag filter: 32.</summary>
    public const int MaxTags = 32;

    /// <summary>A project or category name: 100.</summary>
    public const int Name = 100;

    /// <summary>A search query: 500.</summary>
    public const int Query = 500;

    /// <summary>A display colour such as <c>#3366ff</c>: 32.</summary>
    public const int Color = 32;

    /// <summary>A client-chosen idempotency key: 128.</summary>
    public const int IdempotencyKey = 128;

    /// <summary>A page cursor returned by an earlier call: 512.</summary>
    public const int Cursor = 512;

    /// <summary>The number of records one batch create or import accepts: 100.</summary>
    public const int MaxBatch = 100;

    /// <summary>The lowest priority: 1.</summary>
    public const int MinPriority = 1;

    /// <summary>The highest priority: 5.</summary>
    public const int MaxPriority = 5;

    /// <summary>
    /// The stored text one response carries at most, in characters: 262,144 (256 KiB of UTF-16 code units).
    /// A page that would exceed it is cut short, and the response says so and gives the cursor to continue.
    /// </summary>
    public const int ResponseBudget = 256 * 1024;
}
