using System.Text;
using AiMemory.Core.Model;

namespace AiMemory.Core.Storage.Sql;

/// <summary>Checks input before it reaches the database; every failure names the field and the rule.</summary>
internal static class StoreValidation
{
    public static string Title(string? title, string field = "title")
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new StoreValidationException($"{field} must not be empty.");
        }

        Text(title, field, StoreLimits.MaxTitleLength);
        return title;
    }

    public static string Content(string? content, string field)
    {
        if (content is null)
        {
            throw new StoreValidationException($"{field} is required.");
        }

        Text(content, field, StoreLimits.MaxContentLength);
        return content;
    }

    public static string? OptionalText(string? text, string field, int maxLength)
    {
        if (text is not null)
        {
            Text(text, field, maxLength);
        }

        return text;
    }

    public static int Priority(int priority, string field = "priority")
    {
        if (priority is < 1 or > 5)
        {
            throw new StoreValidationException($"{field} must be between 1 and 5, not {priority}.");
        }

        return priority;
    }

    public static TaskItemStatus Status(TaskItemStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new StoreValidationException(
                $"status {(int)status} is not valid; use one of {string.Join(", ", TaskItemStatusNames.All)}.");
        }

        return status;
    }

    public static InstructionScope Scope(InstructionScope scope)
    {
        if (!Enum.IsDefined(scope))
        {
            throw new StoreValidationException($"scope {(int)scope} is not valid; use global, project or category.");
        }

        return scope;
    }

    public static string? IdempotencyKey(string? key)
    {
        if (key is null)
        {
            return null;
        }

        if (key.Length == 0)
        {
            throw new StoreValidationException("idempotency key must not be empty when given.");
        }

        Text(key, "idempotency key", StoreLimits.MaxIdempotencyKeyLength);
        return key;
    }

    public static string? Color(string? color)
    {
        if (color is null || color.Length == 0)
        {
            return color;
        }

        Text(color, "color", StoreLimits.MaxColorLength);
        if (!color.All(character => char.IsAsciiLetterOrDigit(character) || character is '#' or '-'))
        {
            throw new StoreValidationException(
                "color must be a hex colour such as #3366ff or a colour name of ASCII letters.");
        }

        return color;
    }

    public static void Batch<T>(IReadOnlyList<T> items, string field)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > StoreLimits.MaxBatchSize)
        {
            throw new StoreValidationException(
                $"{field} has {items.Count} items; at most {StoreLimits.MaxBatchSize} are accepted at once.");
        }
    }

    public static void PriorityRange(int? minimum, int? maximum)
    {
        if (minimum is { } min)
        {
            Priority(min, "minimum priority");
        }

        if (maximum is { } max)
        {
            Priority(max, "maximum priority");
        }
    }

    public static void Owner(string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (string.IsNullOrWhiteSpace(owner))
        {
            throw new ArgumentException("The owner must not be empty.", nameof(owner));
        }

        if (owner.Length > StoreLimits.MaxOwnerLength || !IsWellFormed(owner) || owner.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"The owner must be well-formed text of at most {StoreLimits.MaxOwnerLength} characters without NUL.",
                nameof(owner));
        }
    }

    /// <summary>
    /// Rejects text that no backend can store: over the length limit, containing NUL (PostgreSQL text cannot hold
    /// it) or a lone surrogate (it has no UTF-8 encoding).
    /// </summary>
    public static void Text(string text, string field, int maxLength)
    {
        if (text.Length > maxLength)
        {
            throw new StoreValidationException($"{field} is {text.Length} characters long; the maximum is {maxLength}.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new StoreValidationException($"{field} contains a NUL character, which cannot be stored.");
        }

        if (!IsWellFormed(text))
        {
            throw new StoreValidationException($"{field} contains a lone surrogate, which is not valid Unicode text.");
        }
    }

    private static bool IsWellFormed(string text)
    {
        var span = text.AsSpan();
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            span = span[consumed..];
        }

        return true;
    }
}
