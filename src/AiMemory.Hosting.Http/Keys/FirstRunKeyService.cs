using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Hosting.Http.Logging;
using AiMemory.Security;
using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Http.Keys;

/// <summary>
/// Makes sure a key exists before the server listens (it starts after the store's migration service). With no key
/// configured at all (no <c>API_KEY</c> and no active managed key in the store), it creates a managed key, stores only
/// its hash and prints the key once to standard error with a request that uses it. A non-loopback host without any
/// key refuses to start instead, unless the insecure-bind override is set.
/// </summary>
internal sealed class FirstRunKeyService(
    IServiceProvider services,
    ApiKeyAuthenticator authenticator,
    AiMemoryHttpOptions options,
    TimeProvider timeProvider,
    ILogger<FirstRunKeyService> logger) : IHostedService
{
    /// <summary>Where the key is printed; standard error unless a test replaces it.</summary>
    internal TextWriter Output { get; set; } = Console.Error;

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (authenticator.HasBootstrapKey)
        {
            return;
        }

        var keyStore = services.GetService<IApiKeyStore>();
        var administration = services.GetService<ApiKeyAdministration>();
        if (keyStore is null || administration is null)
        {
            throw new HostStartupException("No API key is configured and the store keeps no managed keys: set API_KEY.");
        }

        var address = services.GetService<ListenAddress>();
        if (address is { IsLoopback: false } && !options.AllowInsecureBind && !await HasActiveKeyAsync(keyStore, cancellationToken))
        {
            throw new HostStartupException(
                $"HOST {options.Host} is not a loopback address and no API key exists, so anyone who reaches the port could " +
                "read the first key from this console. Set API_KEY, create a managed key first, or bind to 127.0.0.1.");
        }

        var created = await administration.CreateFirstKeyAsync(AiMemorySecurityDefaults.DefaultOwner, cancellationToken);
        if (created is null)
        {
            return;
        }

        HttpHostLog.FirstRunKeyCreated(logger, created.Summary.KeyId, created.Summary.Owner);
        await Output.WriteLineAsync(FirstRunMessage(created.Key));
        await Output.FlushAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The text printed once: the key, that it is not shown again, and a request that uses it.</summary>
    internal string FirstRunMessage(string key)
    {
        var scheme = options.UseHttps ? "https" : "http";
        var host = ListenAddress.Parse(options.Host).IsLoopback ? "localhost" : options.Host;
        return $"""

            No API key was configured, so AiMemory created one for owner '{AiMemorySecurityDefaults.DefaultOwner}'.
            It is shown only now; the store keeps only its hash. Save it, for example in .env as API_KEY or in your MCP client:

                {key}

            Try it:

                curl -X GET {scheme}://{host}:{options.Port}/api/memory/list -H "X-API-Key: {key}"

            """;
    }

    private async Task<bool> HasActiveKeyAsync(IApiKeyStore keyStore, CancellationToken cancellationToken)
    {
        var keys = await keyStore.ListAsync(null, cancellationToken);
        var now = timeProvider.GetUtcNow();
        return keys.Any(key => key.IsActiveAt(now));
    }
}
