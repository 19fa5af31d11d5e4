using System.Globalization;
using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp.Tools;

/// <summary>How many items a context tool returns at a level of detail, and how long their text may be.</summary>
/// <param name="TextLimit">The characters of memory content and task description kept; <see langword="null"/> keeps all.</param>
internal sealed record ContextShape(string Name, int Items, int RelatedItems, int? TextLimit)
{
    public static ContextShape For(DetailLevel detail) => detail switch
    {
        DetailLevel.Summary => new ContextShape("summary", Items: 5, RelatedItems: 3, TextLimit: 200),
        DetailLevel.Full => new ContextShape("full", Items: PageRequest.MaxLimit, RelatedItems: 20, TextLimit: null),
        _ => new ContextShape("standard", Items: 20, RelatedItems: 10, TextLimit: 1_000),
    };

    public MemoryView Shorten(MemoryView memory) =>
        TextLimit is { } limit && memory.Content.Length > limit ? memory with { Content = Cut(memory.Content, limit) } : memory;

    public TaskView Shorten(TaskView task) =>
        TextLimit is { } limit && task.Description?.Length > limit ? task with { Description = Cut(task.Description, limit) } : task;

    // Cuts on a code-point boundary and marks the cut, so that shortened text is never mistaken for the whole.
    private static string Cut(string text, int limit)
    {
        var end = char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
        return string.Concat(text.AsSpan(0, end), " […]");
    }
}

/// <summary>Counts the stored text of a response against its budget.</summary>
internal sealed class BudgetCounter(int budget)
{
    private int _used;

    public void Spend(int characters) => _used += characters;

    /// <summary>Keeps items in order while they fit; notes in <paramref name="omitted"/> how many of <paramref name="what"/> did not.</summary>
    public List<T> Take<T>(IEnumerable<T> items, string what, List<string> omitted)
        where T : ISizedItem
    {
        var kept = new List<T>();
        var dropped = 0;
        foreach (var item in items)
        {
            var size = item.TextLength();
            if (dropped == 0 && _used + size <= budget)
            {
                _used += size;
                kept.Add(item);
            }
            else
            {
                dropped++;
            }
        }

        if (dropped > 0)
        {
            omitted.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{dropped} {what} were left out to stay within the {budget}-character response budget."));
        }

        return kept;
    }
}

/// <summary>Reads the open tasks that get_work_priorities ranks, a bounded number of pages.</summary>
internal static class WorkScan
{
    /// <summary>The most open tasks ranked in one call: 500 (five full pages).</summary>
    public const int MaxTasks = 5 * PageRequest.MaxLimit;

    public static async Task<(List<TaskItem> Tasks, bool Complete)> ReadOpenTasksAsync(
        ToolCall call,
        string? project,
        IReadOnlyList<TaskItemStatus> statuses)
    {
        var query = new TaskQuery(Project: project, Statuses: statuses, Sort: SortOrder.Priority);
        var tasks = new List<TaskItem>();
        string? cursor = null;
        do
        {
            var page = await call.Store.Tasks
                .ListAsync(query, new PageRequest(PageRequest.MaxLimit, cursor), call.CancellationToken)
                .ConfigureAwait(false);
            tasks.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && tasks.Count < MaxTasks);

        return (tasks, cursor is null);
    }
}

/// <summary>The urgency score of get_work_priorities; its tool description states the same rule.</summary>
internal static class Urgency
{
    public static WorkPriority Rank(TaskItem task, DateTimeOffset now)
    {
        var reasons = new List<string> { $"priority {task.Priority}" };
        var score = task.Priority * 10;
        double? hoursUntilDue = null;
        var overdue = false;
        if (task.DueAt is { } due)
        {
            var untilDue = due.ToUniversalTime() - now;
            hoursUntilDue = Math.Round(untilDue.TotalHours, 2);
            if (untilDue < TimeSpan.Zero)
            {
                overdue = true;
                var daysOverdue = (int)Math.Min(30, Math.Floor(-untilDue.TotalDays));
                score += 50 + daysOverdue;
                reasons.Add(daysOverdue == 0 ? "overdue by less than a day" : $"overdue by {daysOverdue} days");
            }
            else
            {
                var (points, window) = untilDue.TotalDays switch
                {
                    <= 1 => (40, "due within a day"),
                    <= 3 => (30, "due within 3 days"),
                    <= 7 => (20, "due within 7 days"),
                    <= 30 => (10, "due within 30 days"),
                    _ => (0, "due in more than 30 days"),
                };
                score += points;
                reasons.Add(window);
            }
        }

        if (task.Status == TaskItemStatus.InProgress)
        {
            score += 5;
            reasons.Add("in progress");
        }
        else if (task.Status == TaskItemStatus.OnHold)
        {
            score -= 15;
            reasons.Add("on hold");
        }

        return new WorkPriority(TaskView.From(task), score, overdue, hoursUntilDue, reasons);
    }
}
