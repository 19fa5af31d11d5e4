namespace AiMemory.Hosting.Stdio;

/// <summary>
/// A setting or an identity that keeps the stdio host from starting. The message names the setting and how to fix
/// it, and <see cref="AiMemoryStdioHost.RunAsync(string[], CancellationToken)"/> prints it to stderr and
/// exits with code 1.
/// </summary>
public sealed class StdioStartupException : Exception
{
    /// <summary>Creates the exception with a message for the person who configures the server.</summary>
    public StdioStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the person who configures the server and its cause.</summary>
    public StdioStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
