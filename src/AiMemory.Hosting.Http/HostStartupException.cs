namespace AiMemory.Hosting.Http;

/// <summary>
/// Thrown when the host cannot start because of a setting or a file. The message names the setting or the file
/// and says how to fix it; hosts print it without a stack trace and exit with a non-zero code.
/// </summary>
public sealed class HostStartupException : Exception
{
    /// <summary>Creates the exception with a message for the operator.</summary>
    public HostStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the operator and the error that caused it.</summary>
    public HostStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
