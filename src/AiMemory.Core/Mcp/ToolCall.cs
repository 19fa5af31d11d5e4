using System.Security.Claims;
using AiMemory.Core.Storage;
using AiMemory.Security.Authentication;
using AiMemory.Security.Sanitization;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace AiMemory.Core.Mcp;

/// <summary>
/// One tool invocation: the resolved caller, the caller's view of the store, the clock, and the sanitised text
/// arguments with what the sanitiser removed from them.
/// </summary>
internal sealed class ToolCall
{
    private readonly List<string> _removed = [];

    private ToolCall(CallerIdentity caller, IOwnerStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        Caller = caller;
        Store = store;
        Time = time;
        CancellationToken = cancellationToken;
    }

    public CallerIdentity Caller { get; }

    public IOwnerStore Store { get; }

    public TimeProvider Time { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>What the sanitiser removed, one entry per field and kind, such as <c>title: 2 bidi control characters</c>.</summary>
    public IReadOnlyList<string> Removed => _removed;

    /// <summary>
    /// Resolves the caller, checks <paramref name="requiredScope"/>, runs <paramref name="action"/>, and turns
    /// store and sanitiser errors into <see cref="McpException"/>s whose message the client sees.
    /// </summary>
    public static async Task<T> RunAsync<T>(
        IServiceProvider services,
        ClaimsPrincipal? user,
        string requiredScope,
        CancellationToken cancellationToken,
        Func<ToolCall, Task<T>> action)
    {
        var caller = CallerResolver.Resolve(user, services, requiredScope);
        var store = services.GetRequiredService<IAiMemoryStore>().ForOwner(caller.Owner);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var call = new ToolCall(caller, store, time, cancellationToken);
        try
        {
            return await action(call).ConfigureAwait(false);
        }
        catch (StoreException exception)
        {
            throw new McpException(exception.Message, exception);
        }
        catch (InputRejectedException exception)
        {
            throw new McpException(exception.Message, exception);
        }
    }

    /// <summary>Sanitises a required text argument; it must not be empty or blank after sanitising.</summary>
    public string Required(string field, string? text, int maxLength)
    {
        var value = Optional(field, text, maxLength);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new McpException($"'{field}' is required and must not be empty.");
        }

        return value;
    }

    /// <summary>Sanitises an optional text argument; <see langword="null"/> stays <see langword="null"/>.</summary>
    public string? Optional(string field, string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        var sanitized = InputSanitizer.Sanitize(field, text, maxLength);
        foreach (var removal in sanitized.Removed)
        {
            _removed.Add($"{field}: {removal}");
        }

        return sanitized.Value;
    }

    /// <summary>Sanitises a tag list: at most <see cref="FieldLimits.MaxTags"/> tags, each non-empty and within the tag limit.</summary>
    public IReadOnlyList<string>? Tags(string field, IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Count > FieldLimits.MaxTags)
        {
            throw new McpException($"'{field}' has {tags.Count} tags; the limit is {FieldLimits.MaxTags}.");
        }

        var result = new List<string>(tags.Count);
        foreach (var tag in tags)
        {
            result.Add(Required($"{field}[{result.Count}]", tag, FieldLimits.Tag));
        }

        return result;
    }

    /// <summary>Builds a page request after checking the limit and the cursor length.</summary>
    public static Model.PageRequest Page(int limit, string? cursor)
    {
        Arguments.InRange("limit", limit, 1, Model.PageRequest.MaxLimit);
        if (cursor is not null && cursor.Length > FieldLimits.Cursor)
        {
            throw new McpException($"'cursor' is longer than {FieldLimits.Cursor} characters; pass the nextCursor of an earlier page.");
        }

        return new Model.PageRequest(limit, string.IsNullOrEmpty(cursor) ? null : cursor);
    }
}
