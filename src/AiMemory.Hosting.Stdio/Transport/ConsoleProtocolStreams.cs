using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Stdio.Transport;

/// <summary>The process's stdin and stdout, wrapped for the MCP server.</summary>
internal static class ConsoleProtocolStreams
{
    /// <summary>
    /// Opens stdin and stdout for the protocol, and points <see cref="Console.Out"/> at stderr, so text that any
    /// code writes with <see cref="Console.WriteLine()"/> goes to stderr instead of corrupting the protocol channel.
    /// </summary>
    /// <param name="trimmer">Notified when every request has its response and when a new request arrives.</param>
    public static (GuardedInputStream Input, ProtocolOutputStream Output) Open(ILogger logger, IdleMemoryTrimmer trimmer)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(trimmer);

        var outstanding = new OutstandingRequests(trimmer);
        var output = new ProtocolOutputStream(Console.OpenStandardOutput(), outstanding);
        Console.SetOut(Console.Error);
        var input = new GuardedInputStream(Console.OpenStandardInput(), output, outstanding, logger);
        return (input, output);
    }
}
