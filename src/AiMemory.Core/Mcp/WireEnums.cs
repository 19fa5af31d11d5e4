using System.Text.Json.Serialization;

namespace AiMemory.Core.Mcp;

// The enums of the MCP wire format. Their snake_case names become "enum" lists in the tool schemas; their order
// matches the model enums they stand for, so a cast converts between the two.

/// <summary>A task status as tools accept and return it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskStatusValue>))]
public enum TaskStatusValue
{
    /// <summary>Not started.</summary>
    [JsonStringEnumMemberName("not_started")]
    NotStarted,

    /// <summary>In progress.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,

    /// <summary>Completed.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>On hold.</summary>
    [JsonStringEnumMemberName("on_hold")]
    OnHold,
}

/// <summary>The order of a list or search.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SortValue>))]
public enum SortValue
{
    /// <summary>Best match first for a search; newest first for a list.</summary>
    [JsonStringEnumMemberName("relevance")]
    Relevance,

    /// <summary>Newest first.</summary>
    [JsonStringEnumMemberName("newest")]
    Newest,

    /// <summary>Oldest first.</summary>
    [JsonStringEnumMemberName("oldest")]
    Oldest,

    /// <summary>Highest priority first.</summary>
    [JsonStringEnumMemberName("priority")]
    Priority,

    /// <summary>Most recently updated first.</summary>
    [JsonStringEnumMemberName("updated")]
    Updated,
}

/// <summary>How a tag filter matches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TagMatchValue>))]
public enum TagMatchValue
{
    /// <summary>At least one of the tags.</summary>
    [JsonStringEnumMemberName("any")]
    Any,

    /// <summary>Every tag.</summary>
    [JsonStringEnumMemberName("all")]
    All,
}

/// <summary>Where an AI instruction applies.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstructionScopeValue>))]
public enum InstructionScopeValue
{
    /// <summary>Everywhere.</summary>
    [JsonStringEnumMemberName("global")]
    Global,

    /// <summary>Within one project.</summary>
    [JsonStringEnumMemberName("project")]
    Project,

    /// <summary>Within one category.</summary>
    [JsonStringEnumMemberName("category")]
    Category,
}

/// <summary>How much a context tool returns.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DetailLevel>))]
public enum DetailLevel
{
    /// <summary>Titles and counts, a few items of each kind.</summary>
    [JsonStringEnumMemberName("summary")]
    Summary,

    /// <summary>More items, with long text shortened.</summary>
    [JsonStringEnumMemberName("standard")]
    Standard,

    /// <summary>The most items, with full text, within the response budget.</summary>
    [JsonStringEnumMemberName("full")]
    Full,
}
