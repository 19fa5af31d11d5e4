using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp.Results;

/// <summary>
/// One memory to import, in the shape export_memories returns. The store keeps the id when it is free and assigns a
/// new one otherwise. A memory whose id and creation time are already stored counts as unchanged, so importing the
/// same page twice creates nothing the second time.
/// </summary>
internal sealed record MemoryImportItem(
    [property: Description("The id from the export."), Range(1, long.MaxValue)] long Id,
    [property: Description("A short title."), StringLength(FieldLimits.Title, MinimumLength = 1)] string Title,
    [property: Description("The text."), StringLength(FieldLimits.Content, MinimumLength = 1)] string Content,
    [property: Description("A category name."), StringLength(FieldLimits.Name)] string? Category = null,
    [property: Description("A project name."), StringLength(FieldLimits.Name)] string? Project = null,
    [property: Description("Tags."), MaxLength(FieldLimits.MaxTags)] IReadOnlyList<string>? Tags = null,
    [property: Description("Importance from 1 to 5."), Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int Priority = 3,
    [property: Description("The creation time (UTC) to keep; now when omitted, which makes a repeated import a duplicate.")]
    DateTimeOffset? CreatedAt = null,
    [property: Description("The last update time (UTC) to keep; the creation time when omitted.")] DateTimeOffset? UpdatedAt = null,
    [property: Description("The version from the export; 1 when omitted."), Range(1, int.MaxValue)] int? Version = null)
{
    public Memory ToMemory(string field, ToolCall call, DateTimeOffset now)
    {
        Arguments.Id(Arguments.Field(field, "id"), Id);
        Arguments.Priority(Arguments.Field(field, "priority"), Priority);
        Arguments.Version(Arguments.Field(field, "version"), Version);
        var createdAt = (CreatedAt ?? now).ToUniversalTime();
        return new Memory(
            Id,
            call.Required(Arguments.Field(field, "title"), Title, FieldLimits.Title),
            call.Required(Arguments.Field(field, "content"), Content, FieldLimits.Content),
            call.Optional(Arguments.Field(field, "category"), Category, FieldLimits.Name),
            call.Optional(Arguments.Field(field, "project"), Project, FieldLimits.Name),
            call.Tags(Arguments.Field(field, "tags"), Tags) ?? [],
            Priority,
            createdAt,
            (UpdatedAt ?? createdAt).ToUniversalTime(),
            Version ?? 1);
    }
}

/// <summary>One task of a batch create.</summary>
internal sealed record TaskInput(
    [property: Description("A short title."), StringLength(FieldLimits.Title, MinimumLength = 1)] string Title,
    [property: Description("What the task is about."), StringLength(FieldLimits.Description)] string? Description = null,
    [property: Description("The status.")] TaskStatusValue Status = TaskStatusValue.NotStarted,
    [property: Description("Importance from 1 to 5."), Range(FieldLimits.MinPriority, FieldLimits.MaxPriority)] int Priority = 3,
    [property: Description("The due time, ISO 8601; stored in UTC.")] DateTimeOffset? DueAt = null,
    [property: Description("A category name."), StringLength(FieldLimits.Name)] string? Category = null,
    [property: Description("A project name."), StringLength(FieldLimits.Name)] string? Project = null,
    [property: Description("Tags."), MaxLength(FieldLimits.MaxTags)] IReadOnlyList<string>? Tags = null,
    [property: Description("A key of your choice that makes a retry return the first task."), StringLength(FieldLimits.IdempotencyKey)]
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
    [property: Description("A short title."), StringLength(FieldLimits.Title, MinimumLength = 1)] string Title,
    [property: Description("The instruction text."), StringLength(FieldLimits.Content, MinimumLength = 1)] string Content,
    [property: Description("Where it applies.")] InstructionScopeValue Scope = InstructionScopeValue.Global,
    [property: Description("The project or category name for a scoped instruction."), StringLength(FieldLimits.Name)] string? Target = null,
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
