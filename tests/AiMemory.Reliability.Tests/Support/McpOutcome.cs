using System.Text.Json;

namespace AiMemory.Reliability.Tests.Support;

/// <summary>What a tools/call response amounts to: success, a tool error (isError) or a JSON-RPC error.</summary>
internal sealed record McpOutcome(bool IsError, string Message)
{
    /// <summary>Reads a raw JSON-RPC response.</summary>
    public static McpOutcome From(JsonElement response)
    {
        if (response.TryGetProperty("error", out var error))
        {
            return new McpOutcome(true, error.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "");
        }

        var result = response.GetProperty("result");
        var isError = result.TryGetProperty("isError", out var flag) && flag.ValueKind == JsonValueKind.True;
        var text = result.TryGetProperty("content", out var content)
            ? string.Concat(content.EnumerateArray()
                .Where(block => block.TryGetProperty("text", out _))
                .Select(block => block.GetProperty("text").GetString()))
            : "";
        return new McpOutcome(isError, text);
    }

    /// <summary>Asserts that this is a refusal with a message a user can act on and no internals in it.</summary>
    public void ShouldBeClearRefusal(string caseName)
    {
        IsError.ShouldBeTrue($"{caseName} was accepted: {Message}");
        Message.Trim().ShouldNotBeEmpty($"{caseName} was refused without a message");
        Message.ShouldNotContain("   at ", Case.Sensitive, $"{caseName} leaked a stack trace");
        Message.ShouldNotContain("Exception", Case.Sensitive, $"{caseName} leaked an exception type: {Message}");
        Message.ShouldNotContain("An error occurred invoking", Case.Sensitive, $"{caseName} got the generic error: {Message}");
    }
}
