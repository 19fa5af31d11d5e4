using System.ComponentModel;
using System.Security.Claims;
using AiMemory.Security;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp;

/// <summary>The MCP prompts: loading the stored AI instructions into a conversation.</summary>
[McpServerPromptType]
internal sealed class AiMemoryPrompts
{
    [McpServerPrompt(Name = "load_ai_instructions")]
    [Description("Loads the active AI instructions that apply (global ones, plus those of a project when given) into " +
                 "the conversation, marked as stored user content.")]
    public static Task<ChatMessage> LoadAiInstructions(
        IServiceProvider services,
        [Description("A project name; omit for the global instructions only.")] string? project = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var name = call.Optional(nameof(project), project, FieldLimits.Name);
            var set = await ApplicableInstructions.LoadAsync(call, name, null, FieldLimits.ResponseBudget).ConfigureAwait(false);
            var text = set.Note is null ? set.MarkedText : $"{set.MarkedText}\n{set.Note}\n";
            return new ChatMessage(ChatRole.User, text);
        });
}
