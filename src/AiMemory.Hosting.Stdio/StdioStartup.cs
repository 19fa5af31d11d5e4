using AiMemory.Core;
using AiMemory.Hosting.Stdio.Identity;
using AiMemory.Hosting.Stdio.Logging;
using AiMemory.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMemory.Hosting.Stdio;

/// <summary>
/// The checks that run once before the server reads its first message: decide the caller from <c>API_KEY</c> and
/// the store. Runs at most once per process, whether <see cref="AiMemoryStdioHost"/> calls it before starting the
/// host or the host's start-up calls it.
/// </summary>
internal sealed class StdioStartup(
    IServiceProvider services,
    StdioPresentedKey presentedKey,
    StdioCallerIdentity callerIdentity,
    ILogger<StdioStartup> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs the start-up checks unless they have already run.</summary>
    /// <exception cref="StdioStartupException">A check failed; the server must not start.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (callerIdentity.Current is not null)
            {
                return;
            }

            // Resolved here rather than injected, so that invalid security options surface as this call's exception.
            var resolver = services.GetRequiredService<StdioIdentityResolver>();
            var identity = await resolver.ResolveAsync(presentedKey.Value, cancellationToken).ConfigureAwait(false);
            callerIdentity.Set(identity);
            LogStarted(identity);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void LogStarted(CallerIdentity identity)
    {
        StdioHostLog.Started(
            logger,
            Environment.ProcessId,
            services.GetRequiredService<IOptions<AiMemoryOptions>>().Value.UsesPostgreSql ? "postgresql" : "sqlite",
            identity.Owner,
            identity.KeyId ?? "none",
            string.Join(' ', identity.Scopes));
    }
}
