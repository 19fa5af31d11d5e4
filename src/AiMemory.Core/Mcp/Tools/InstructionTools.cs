using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;
using AiMemory.Security;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>
/// The AI-instruction tools. Reading needs the read scope; writing needs the instructions:write scope, which
/// ordinary read and write keys lack, because stored instructions steer the assistant.
/// </summary>
[McpServerToolType]
internal sealed class InstructionTools
{
    [McpServerTool(Name = "create_ai_instruction", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Stores an instruction for the assistant: global, or for one project or category (target names it). " +
                 "Needs the instructions:write scope.")]
    public static Task<WriteResult<InstructionView>> CreateAiInstruction(
        IServiceProvider services,
        [Description("A short title."), StringLength(FieldLimits.Title, MinimumLength = 1)] string title,
        [Description("The instruction text."), StringLength(FieldLimits.Content, MinimumLength = 1)] string content,
        [Description("Where it applies.")] InstructionScopeValue scope = InstructionScopeValue.Global,
        [Description("The project or category name; required unless the scope is global."), StringLength(FieldLimits.Name)] string? target = null,
        [Description("Importance from 1 (lowest) to 5 (highest).")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int priority = 3,
        [Description("Whether it applies now.")] bool active = true,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.WriteInstructions, cancellationToken, async call =>
        {
            var draft = new InstructionInput(title, content, scope, target, priority, active).ToDraft("", call);
            var instruction = await call.Store.Instructions.CreateAsync(draft, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<InstructionView>(InstructionView.From(instruction), call.Removed);
        });

    [McpServerTool(Name = "batch_create_ai_instructions", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Stores up to 100 AI instructions in one transaction: all or none. Needs the instructions:write scope.")]
    public static Task<BatchResult> BatchCreateAiInstructions(
        IServiceProvider services,
        [Description("The instructions to store."), MinLength(1), MaxLength(FieldLimits.MaxBatch)] InstructionInput[] instructions,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.WriteInstructions, cancellationToken, async call =>
        {
            Arguments.Count(nameof(instructions), instructions, 1, FieldLimits.MaxBatch);
            var drafts = instructions.Select((item, index) => item.ToDraft($"instructions[{index}]", call)).ToList();
            var created = await call.Store.Instructions.CreateManyAsync(drafts, call.CancellationToken).ConfigureAwait(false);
            return new BatchResult(
                created.Select(item => new CreatedRecord(item.Id, item.Title, item.Version)).ToList(), created.Count, call.Removed);
        });

    [McpServerTool(Name = "list_ai_instructions", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Lists stored AI instructions, highest priority first, optionally by scope and target; inactive ones " +
                 "only with activeOnly = false. Use get_ai_instructions for the ones that apply to a project. Paged.")]
    public static Task<PageResult<InstructionView>> ListAiInstructions(
        IServiceProvider services,
        [Description("Only instructions of this scope.")] InstructionScopeValue? scope = null,
        [Description("Only instructions for this project or category name."), StringLength(FieldLimits.Name)] string? target = null,
        [Description("Leave out inactive instructions.")] bool activeOnly = true,
        [Description("Items per page.")][Range(1, PageRequest.MaxLimit)] int limit = PageRequest.DefaultLimit,
        [Description("The nextCursor of the previous page."), StringLength(FieldLimits.Cursor)] string? cursor = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, async call =>
        {
            var page = ToolCall.Page(limit, cursor);
            var filter = new InstructionQuery((InstructionScope?)scope, call.Optional(nameof(target), target, FieldLimits.Name), activeOnly);
            var store = call.Store.Instructions;
            var found = await store.ListAsync(filter, page, call.CancellationToken).ConfigureAwait(false);
            return await ResponseBudget.FitAsync(
                found,
                InstructionView.From,
                kept => store.ListAsync(filter, page with { Limit = kept }, call.CancellationToken),
                call.Removed).ConfigureAwait(false);
        });

    [McpServerTool(Name = "get_ai_instructions", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Returns the active AI instructions that apply: the global ones plus those of the given project and " +
                 "category, highest priority first, also as one text marked as stored user content. Call it at the " +
                 "start of work on a project.")]
    public static Task<InstructionSet> GetAiInstructions(
        IServiceProvider services,
        [Description("A project name."), StringLength(FieldLimits.Name)] string? project = null,
        [Description("A category name."), StringLength(FieldLimits.Name)] string? category = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.Read, cancellationToken, call =>
            ApplicableInstructions.LoadAsync(
                call,
                call.Optional(nameof(project), project, FieldLimits.Name),
                call.Optional(nameof(category), category, FieldLimits.Name),
                FieldLimits.ResponseBudget / 2));

    [McpServerTool(Name = "update_ai_instruction", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Changes an AI instruction. Pass the version you read; an instruction changed since then is not updated. " +
                 "Needs the instructions:write scope.")]
    public static Task<WriteResult<InstructionView>> UpdateAiInstruction(
        IServiceProvider services,
        [Description("The instruction id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read.")][Range(1, int.MaxValue)] int version,
        [Description("A new title."), StringLength(FieldLimits.Title)] string? title = null,
        [Description("New text."), StringLength(FieldLimits.Content)] string? content = null,
        [Description("A new scope; give target with it unless global.")] InstructionScopeValue? scope = null,
        [Description("A new project or category name."), StringLength(FieldLimits.Name)] string? target = null,
        [Description("A new priority from 1 to 5.")][Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int? priority = null,
        [Description("Whether it applies.")] bool? active = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.WriteInstructions, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            Arguments.Priority(nameof(priority), priority);
            var cleanTarget = call.Optional(nameof(target), target, FieldLimits.Name);
            if (scope is { } newScope)
            {
                cleanTarget = InstructionTarget.Check("", (InstructionScope)newScope, cleanTarget);
            }

            var changes = new AiInstructionChanges(
                title is null ? null : call.Required(nameof(title), title, FieldLimits.Title),
                content is null ? null : call.Required(nameof(content), content, FieldLimits.Content),
                (InstructionScope?)scope,
                cleanTarget,
                priority,
                active);
            var instruction = await call.Store.Instructions.UpdateAsync(id, version, changes, call.CancellationToken).ConfigureAwait(false);
            return new WriteResult<InstructionView>(InstructionView.From(instruction), call.Removed);
        });

    [McpServerTool(Name = "delete_ai_instruction", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Deletes an AI instruction for good; update_ai_instruction with active = false keeps it instead. " +
                 "Needs the instructions:write scope.")]
    public static Task<DeleteResult> DeleteAiInstruction(
        IServiceProvider services,
        [Description("The instruction id.")][Range(1, long.MaxValue)] long id,
        [Description("The version from the last read; omit to delete whatever version is stored.")][Range(1, int.MaxValue)] int? version = null,
        ClaimsPrincipal? user = null,
        CancellationToken cancellationToken = default) =>
        ToolCall.RunAsync(services, user, AiMemoryScopes.WriteInstructions, cancellationToken, async call =>
        {
            Arguments.Id(nameof(id), id);
            Arguments.Version(nameof(version), version);
            await call.Store.Instructions.DeleteAsync(id, version, call.CancellationToken).ConfigureAwait(false);
            return new DeleteResult("AI instruction", id.ToString(CultureInfo.InvariantCulture), Deleted: true);
        });
}
