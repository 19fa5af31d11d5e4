using Microsoft.Extensions.Hosting;

namespace AiMemory.Hosting.Stdio;

/// <summary>
/// Runs <see cref="StdioStartup"/> when the host starts. It is registered before the MCP server, so the checks
/// finish before the first message is read.
/// </summary>
internal sealed class StdioStartupService(StdioStartup startup) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken) => startup.RunAsync(cancellationToken);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
