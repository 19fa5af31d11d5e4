namespace AiMemory.Security.Sanitization;

/// <summary>The outcome of sanitising one text field.</summary>
/// <param name="Value">The text to store: NFC-normalised, with banned code points removed.</param>
/// <param name="Removed">What was removed, one entry per kind, such as <c>2 bidi control characters</c>; empty when nothing was.</param>
public readonly record struct SanitizedText(string Value, IReadOnlyList<string> Removed)
{
    /// <summary>Checks whether the sanitiser removed anything.</summary>
    public bool Changed => Removed.Count > 0;
}

/// <summary>
/// Thrown for text that cannot be made safe by removal: a lone surrogate, or a length over the field's limit
/// after normalisation. The message names the field and the limit and is safe to show to a client.
/// </summary>
public sealed class InputRejectedException(string field, string message) : Exception(message)
{
    /// <summary>The name of the rejected field.</summary>
    public string Field { get; } = field;
}
