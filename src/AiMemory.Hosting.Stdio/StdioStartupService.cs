using AiMemory.Hosting.Stdio.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Stdio;

/// <summary>
/// Runs <see cref="StdioStartup"/> when the host starts. It is registered before the MCP server, so the checks
/// finish before the first message is read, and stopped after it, so its last log line follows the server's.
/// </summary>
internal sealed class StdioStartupService(StdioStartup startup, ILogger<StdioStartupService> logger) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => startup.RunAsync(cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        StdioHostLog.Stopped(logger);
        return Task.CompletedTask;
    }
}
