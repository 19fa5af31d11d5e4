using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp.Results;

/// <summary>
/// One memory to import, in the shape export_memories returns. The id and version are accepted so that an exported
/// page can be passed back unchanged, but the store assigns its own. The times are kept when given.
/// </summary>
internal sealed record MemoryImportItem(
    [property: Description("A short title."), MinLength(1), MaxLength(FieldLimits.Title)] string Title,
    [property: Description("The text."), MinLength(1), MaxLength(FieldLimits.Content)] string Content,
    [property: Description("A category name."), MaxLength(FieldLimits.Name)] string? Category = null,
    [property: Description("A project name."), MaxLength(FieldLimits.Name)] string? Project = null,
    [property: Description("Tags."), MaxLength(FieldLimits.MaxTags)] IReadOnlyList<string>? Tags = null,
    [property: Description("Importance from 1 to 5."), Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int Priority = 3,
    [property: Description("The creation time (UTC) to keep; now when omitted.")] DateTimeOffset? CreatedAt = null,
    [property: Description("The last update time (UTC) to keep; the creation time when omitted.")] DateTimeOffset? UpdatedAt = null,
    [property: Description("The id in the exporting store; ignored.")] long? Id = null,
    [property: Description("The version in the exporting store; ignored.")] int? Version = null)
{
    public Memory ToMemory(string field, ToolCall call, DateTimeOffset now)
    {
        Arguments.Priority(Arguments.Field(field, "priority"), Priority);
        var createdAt = (CreatedAt ?? now).ToUniversalTime();
        return new Memory(
            0,
            call.Required(Arguments.Field(field, "title"), Title, FieldLimits.Title),
            call.Required(Arguments.Field(field, "content"), Content, FieldLimits.Content),
            call.Optional(Arguments.Field(field, "category"), Category, FieldLimits.Name),
            call.Optional(Arguments.Field(field, "project"), Project, FieldLimits.Name),
            call.Tags(Arguments.Field(field, "tags"), Tags) ?? [],
            Priority,
            createdAt,
            (UpdatedAt ?? createdAt).ToUniversalTime(),
            1);
    }
}

/// <summary>One task of a batch create.</summary>
internal sealed record TaskInput(
    [property: Description("A short title."), MinLength(1), MaxLength(FieldLimits.Title)] string Title,
    [property: Description("What the task is about."), MaxLength(FieldLimits.Description)] string? Description = null,
    [property: Description("The status.")] TaskStatusValue Status = TaskStatusValue.NotStarted,
    [property: Description("Importance from 1 to 5."), Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int Priority = 3,
    [property: Description("The due time, ISO 8601; stored in UTC.")] DateTimeOffset? DueAt = null,
    [property: Description("A category name."), MaxLength(FieldLimits.Name)] string? Category = null,
    [property: Description("A project name."), MaxLength(FieldLimits.Name)] string? Project = null,
    [property: Description("Tags."), MaxLength(FieldLimits.MaxTags)] IReadOnlyList<string>? Tags = null,
    [property: Description("A key of your choice that makes a retry return the first task."), MaxLength(FieldLimits.IdempotencyKey)]
    string? IdempotencyKey = null)
{
    public TaskDraft ToDraft(string field, ToolCall call)
    {
        Arguments.Priority(Arguments.Field(field, "priority"), Priority);
        return new TaskDraft(
            call.Required(Arguments.Field(field, "title"), Title, FieldLimits.Title),
            call.Optional(Arguments.Field(field, "description"), Description, FieldLimits.Description),
            (TaskItemStatus)Status,
            Priority,
            Arguments.Utc(DueAt),
            call.Optional(Arguments.Field(field, "category"), Category, FieldLimits.Name),
            call.Optional(Arguments.Field(field, "project"), Project, FieldLimits.Name),
            call.Tags(Arguments.Field(field, "tags"), Tags),
            call.Optional(Arguments.Field(field, "idempotencyKey"), IdempotencyKey, FieldLimits.IdempotencyKey));
    }
}

/// <summary>One AI instruction of a batch create.</summary>
internal sealed record InstructionInput(
    [property: Description("A short title."), MinLength(1), MaxLength(FieldLimits.Title)] string Title,
    [property: Description("The instruction text."), MinLength(1), MaxLength(FieldLimits.Content)] string Content,
    [property: Description("Where it applies.")] InstructionScopeValue Scope = InstructionScopeValue.Global,
    [property: Description("The project or category name for a scoped instruction."), MaxLength(FieldLimits.Name)] string? Target = null,
    [property: Description("Importance from 1 to 5."), Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int Priority = 3,
    [property: Description("Whether it applies now.")] bool Active = true)
{
    public AiInstructionDraft ToDraft(string field, ToolCall call)
    {
        Arguments.Priority(Arguments.Field(field, "priority"), Priority);
        return new AiInstructionDraft(
            call.Required(Arguments.Field(field, "title"), Title, FieldLimits.Title),
            call.Required(Arguments.Field(field, "content"), Content, FieldLimits.Content),
            (InstructionScope)Scope,
            InstructionTarget.Check(field, (InstructionScope)Scope, call.Optional(Arguments.Field(field, "target"), Target, FieldLimits.Name)),
            Priority,
            Active);
    }
}
