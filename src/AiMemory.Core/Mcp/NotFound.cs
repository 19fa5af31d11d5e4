using System.Globalization;
using ModelContextProtocol;

namespace AiMemory.Core.Mcp;

/// <summary>The errors for an id the caller's store does not hold; the wording matches the store's own.</summary>
internal static class NotFound
{
    public static McpException Memory(long id) => Make("memory", id);

    public static McpException Task(long id) => Make("task", id);

    public static McpException Project(long id) => Make("project", id);

    public static McpException Category(long id) => Make("category", id);

    public static McpException Instruction(long id) => Make("AI instruction", id);

    private static McpException Make(string kind, long id) =>
        new($"{kind} {id.ToString(CultureInfo.InvariantCulture)} was not found.");
}
