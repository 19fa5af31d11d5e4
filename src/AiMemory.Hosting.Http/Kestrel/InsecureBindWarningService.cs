using AiMemory.Hosting.Http.Logging;
using AiMemory.Security.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Http.Kestrel;

/// <summary>
/// Logs a warning at start-up when <c>AIMEMORY_ALLOW_INSECURE_BIND</c> lets the host listen on a non-loopback address
/// without TLS or without a configured <c>API_KEY</c>, so the override never goes unnoticed.
/// </summary>
internal sealed class InsecureBindWarningService(
    AiMemoryHttpOptions options,
    ListenAddress address,
    ApiKeyAuthenticator authenticator,
    ILogger<InsecureBindWarningService> logger) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (address.IsLoopback || !options.AllowInsecureBind)
        {
            return Task.CompletedTask;
        }

        var missing = new List<string>();
        if (!options.UseHttps)
        {
            missing.Add("TLS");
        }

        if (!authenticator.HasBootstrapKey)
        {
            missing.Add("API_KEY (managed keys only)");
        }

        if (missing.Count > 0)
        {
            HttpHostLog.InsecureBindAllowed(logger, $"{options.Host}:{options.Port}", string.Join(" and ", missing));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
