using AiMemory.Security.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>Creates and revokes managed keys in a store, in process, the way an operator's key command does.</summary>
internal sealed class ManagedKeys : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ManagedKeys(ServiceProvider services) => _services = services;

    /// <summary>The key administration of the store.</summary>
    public ApiKeyAdministration Administration => _services.GetRequiredService<ApiKeyAdministration>();

    /// <summary>Opens the embedded store at <paramref name="sqlitePath"/>, or the PostgreSQL store at <paramref name="databaseUrl"/>.</summary>
    public static ManagedKeys Open(string? sqlitePath, string? databaseUrl = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiMemory(options =>
        {
            options.SqlitePath = sqlitePath;
            options.DatabaseUrl = databaseUrl;
        });
        services.AddAiMemorySecurity();
        return new ManagedKeys(services.BuildServiceProvider());
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
