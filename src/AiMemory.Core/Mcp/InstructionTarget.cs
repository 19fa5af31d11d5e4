using AiMemory.Core.Model;
using ModelContextProtocol;

namespace AiMemory.Core.Mcp;

/// <summary>Checks that an instruction's target fits its scope.</summary>
internal static class InstructionTarget
{
    /// <summary>Returns the target when it fits: none for a global instruction, a name for a project or category one.</summary>
    public static string? Check(string field, InstructionScope scope, string? target)
    {
        var name = Arguments.Field(field, "target");
        if (scope == InstructionScope.Global && !string.IsNullOrEmpty(target))
        {
            throw new McpException($"'{name}' must be omitted for a global instruction.");
        }

        if (scope != InstructionScope.Global && string.IsNullOrWhiteSpace(target))
        {
            throw new McpException(
                $"'{name}' is required for a {(scope == InstructionScope.Project ? "project" : "category")} instruction: " +
                "name the project or category.");
        }

        return scope == InstructionScope.Global ? null : target;
    }
}
