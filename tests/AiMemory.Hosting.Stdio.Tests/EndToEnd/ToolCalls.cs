using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>Calls tools over the real client and returns their structured results.</summary>
internal static class ToolCalls
{
    /// <summary>Calls <paramref name="tool"/> and returns its structured content; fails when the tool reports an error.</summary>
    public static async Task<JsonElement> CallAsync(this McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        result.IsError.ShouldNotBe(true, $"{tool} failed: {TextOf(result)}");
        var structured = result.StructuredContent.ShouldNotBeNull($"{tool} returned no structured content: {TextOf(result)}");
        return JsonSerializer.SerializeToElement(structured);
    }

    /// <summary>Calls <paramref name="tool"/>, expects a tool error and returns its message.</summary>
    public static async Task<string> CallFailingAsync(this McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        result.IsError.ShouldBe(true, $"{tool} was expected to fail but returned: {TextOf(result)}");
        return TextOf(result);
    }

    private static string TextOf(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
