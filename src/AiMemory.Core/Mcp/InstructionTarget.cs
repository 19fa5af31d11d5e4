using AiMemory.Core.Model;
using ModelContextProtocol;

namespace AiMemory.Core.Mcp;

/// <summary>Checks that an instruction's target fits its scope.</summary>
internal static class InstructionTarget
{
    /// <summary>Returns the target when it fits: none for a global instruction, a name for a project or category one.</summary>
    public static string? Check(string field, InstructionScope scope, string? target)
    {
        var prefix = field.Length == 0 ? "" : field + ".";
        if (scope == InstructionScope.Global && !string.IsNullOrEmpty(target))
        {
            throw new McpException($"'{prefix}target' must be omitted for a global instruction.");
        }

        if (scope != InstructionScope.Global && string.IsNullOrWhiteSpace(target))
        {
            throw new McpException(
                $"'{prefix}target' is required for a {(scope == InstructionScope.Project ? "project" : "category")} instruction: " +
                "name the project or category.");
        }

        return scope == InstructionScope.Global ? null : target;
    }
}
