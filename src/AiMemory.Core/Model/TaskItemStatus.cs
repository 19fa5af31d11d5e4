using System.Diagnostics.CodeAnalysis;

namespace AiMemory.Core.Model;

/// <summary>The fixed set of task statuses.</summary>
public enum TaskItemStatus
{
    /// <summary><c>not_started</c></summary>
    NotStarted,

    /// <summary><c>in_progress</c></summary>
    InProgress,

    /// <summary><c>completed</c></summary>
    Completed,

    /// <summary><c>cancelled</c></summary>
    Cancelled,

    /// <summary><c>on_hold</c></summary>
    OnHold,
}

/// <summary>Conversions between <see cref="TaskItemStatus"/> and its snake_case wire names.</summary>
public static class TaskItemStatusNames
{
    private static readonly string[] Names = ["not_started", "in_progress", "completed", "cancelled", "on_hold"];

    /// <summary>Every valid wire name, in enum order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>Returns the wire name of a status, such as <c>in_progress</c>.</summary>
    public static string ToName(this TaskItemStatus status) => Names[(int)status];

    /// <summary>Parses a wire name exactly (lower case, snake_case).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out TaskItemStatus? status)
    {
        var index = Array.IndexOf(Names, name);
        status = index < 0 ? null : (TaskItemStatus)index;
        return index >= 0;
    }
}
