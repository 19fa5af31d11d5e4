using AiMemory.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace AiMemory.Hosting.Http.Keys;

/// <summary>
/// Prepares the store before the server listens: applies migrations, then makes sure a key exists. With no key
/// configured at all (no <c>API_KEY</c> and no managed key in the store), it creates a managed key, stores only its
/// hash and prints the key once to standard error with a request that uses it.
/// </summary>
internal sealed class FirstRunKeyService(IAiMemoryStore store) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
