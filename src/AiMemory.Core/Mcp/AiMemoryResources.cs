using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using AiMemory.Security;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp;

/// <summary>
/// The MCP resources: the AI instructions that apply globally and per project, and single memories. All of them
/// serve stored text marked as stored user content, and reading them needs the read scope.
/// </summary>
[McpServerResourceType]
internal sealed class AiMemoryResources
{
    /// <summary>The URI of the global AI instructions.</summary>
    public const string GlobalInstructionsUri = "aimemory://instructions";

    /// <summary>The URI template of the AI instructions that apply to one project.</summary>
    public const string ProjectInstructionsTemplate = "aimemory://instructions/project/{project}";

    /// <summary>The URI template of one memory.</summary>
    public const string MemoryTemplate = "aimemory://memories/{id}";

    [McpServerResource(UriTemplate = GlobalInstructionsUri, Name = "ai_instructions", MimeType = "text/plain")]
    [Description("The active global AI instructions, highest priority first, marked as stored user content.")]
    public static Task<TextResourceContents> GlobalInstructions(
        IServiceProvider services,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var set = await ApplicableInstructions.LoadAsync(call, null, null, FieldLimits.ResponseBudget).ConfigureAwait(false);
            return Text(GlobalInstructionsUri, set.MarkedText, set.Note);
        });

    [McpServerResource(UriTemplate = ProjectInstructionsTemplate, Name = "project_ai_instructions", MimeType = "text/plain")]
    [Description("The active AI instructions that apply to one project (global ones included), marked as stored user content.")]
    public static Task<TextResourceContents> ProjectInstructions(
        IServiceProvider services,
        [Description("The project name.")] string project,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var name = call.Required(nameof(project), Uri.UnescapeDataString(project), FieldLimits.Name);
            var set = await ApplicableInstructions.LoadAsync(call, name, null, FieldLimits.ResponseBudget).ConfigureAwait(false);
            var uri = ProjectInstructionsTemplate.Replace("{project}", Uri.EscapeDataString(name), StringComparison.Ordinal);
            return Text(uri, set.MarkedText, set.Note);
        });

    [McpServerResource(UriTemplate = MemoryTemplate, Name = "memory", MimeType = "text/plain")]
    [Description("One memory by id, marked as stored user content.")]
    public static Task<TextResourceContents> Memory(
        IServiceProvider services,
        [Description("The memory id.")] string id,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var memoryId) || memoryId < 1)
            {
                throw new McpException($"'{id}' is not a memory id: use a positive whole number, such as aimemory://memories/42.");
            }

            var memory = await call.Store.Memories.GetAsync(memoryId, call.CancellationToken).ConfigureAwait(false)
                         ?? throw NotFound.Memory(memoryId);
            var marked = StoredContent.Mark("a memory", [StoredContent.Entry(memory)]);
            return Text($"aimemory://memories/{memoryId.ToString(CultureInfo.InvariantCulture)}", marked.Text, note: null);
        });

    private static TextResourceContents Text(string uri, string text, string? note) => new()
    {
        Uri = uri,
        MimeType = "text/plain",
        Text = note is null ? text : $"{text}\n{note}\n",
    };
}
