using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiMemory.Core.Storage;

/// <summary>
/// Applies pending schema migrations when the host starts, if <see cref="AiMemoryOptions.ApplyMigrationsOnStart"/> is
/// set, so a database problem stops start-up with a clear error instead of failing the first request.
/// </summary>
internal sealed class AiMemoryMigrationService(IAiMemoryStore store, IOptions<AiMemoryOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.ApplyMigrationsOnStart ? store.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
