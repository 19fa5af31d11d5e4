using AiMemory.Core.Mcp.Results;
using AiMemory.Core.Model;

namespace AiMemory.Core.Mcp;

/// <summary>
/// Keeps a page within <see cref="FieldLimits.ResponseBudget"/> characters of stored text. When the budget cuts a
/// page after <c>k</c> items, the same page is read again with a limit of <c>k</c> to get the store's cursor after
/// the last item that was kept, because store cursors are opaque and cannot be built here.
/// </summary>
internal static class ResponseBudget
{
    /// <summary>Maps a store page to a result page, cutting it when the budget runs out.</summary>
    /// <param name="readAgain">Reads the same page with a smaller limit; used only when the page is cut.</param>
    public static async Task<PageResult<TView>> FitAsync<TModel, TView>(
        Page<TModel> page,
        Func<TModel, TView> map,
        Func<int, Task<Page<TModel>>> readAgain,
        IReadOnlyList<string> sanitized,
        int budget = FieldLimits.ResponseBudget)
        where TView : ISizedItem
    {
        var items = new List<TView>(page.Items.Count);
        var used = 0;
        foreach (var model in page.Items)
        {
            var view = map(model);
            var size = view.TextLength();

            // The first item is always kept: the field limits keep one record far below the budget.
            if (items.Count > 0 && used + size > budget)
            {
                var shorter = await readAgain(items.Count).ConfigureAwait(false);
                var note = $"The page was cut after {items.Count} of {page.Items.Count} items to stay within the " +
                           $"{budget}-character response budget; call again with cursor = nextCursor for the rest.";
                return new PageResult<TView>(items, shorter.NextCursor, Truncated: true, note, sanitized);
            }

            used += size;
            items.Add(view);
        }

        var lastNote = page.NextCursor is null ? null : "More items exist; call again with cursor = nextCursor.";
        return new PageResult<TView>(items, page.NextCursor, Truncated: false, lastNote, sanitized);
    }
}
