using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp;

/// <summary>Loads the AI instructions that apply to a project or category and marks them as stored content.</summary>
internal static class ApplicableInstructions
{
    /// <summary>
    /// Returns the active global instructions plus those of the project and category, highest priority first, as
    /// many as fit in <paramref name="budget"/> characters of stored text.
    /// </summary>
    public static async Task<InstructionSet> LoadAsync(ToolCall call, string? project, string? category, int budget)
    {
        var applicable = await call.Store.Instructions
            .GetApplicableAsync(project, category, call.CancellationToken)
            .ConfigureAwait(false);

        var kept = new List<AiInstruction>(applicable.Count);
        var used = 0;
        foreach (var instruction in applicable)
        {
            var size = instruction.Title.Length + instruction.Content.Length;
            if (kept.Count > 0 && used + size > budget)
            {
                break;
            }

            used += size;
            kept.Add(instruction);
        }

        var leftOut = applicable.Count - kept.Count;
        var marked = StoredContent.Mark("AI instructions", kept.Select(StoredContent.Entry).ToList());
        var note = leftOut == 0
            ? null
            : $"{leftOut} lower-priority instructions were left out to stay within the {budget}-character budget; " +
              "read them with list_ai_instructions.";
        return new InstructionSet(kept.Select(InstructionView.From).ToList(), marked.Boundary, marked.Text, leftOut > 0, note);
    }
}
