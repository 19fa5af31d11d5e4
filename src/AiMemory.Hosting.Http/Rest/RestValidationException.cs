namespace AiMemory.Hosting.Http.Rest;

/// <summary>A request field that breaks a rule; the message names the field and the limit and is safe for clients.</summary>
internal sealed class RestValidationException(string field, string message) : Exception(message)
{
    /// <summary>The name of the invalid field, as the client spelled it.</summary>
    public string Field { get; } = field;
}
