using AiMemory.Security;
using AiMemory.Security.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AiMemory.Hosting.Stdio.Identity;

/// <summary>
/// The key this process presents for itself: the <c>API_KEY</c> setting, read the way the security layer reads it.
/// </summary>
/// <remarks>
/// On the HTTP host <c>API_KEY</c> is the bootstrap key that clients present; a stdio process has no clients to
/// present one, so its own <c>API_KEY</c> is the presented key. A value in the managed key format (starting with
/// <c>aimem_</c>) must then be checked against the store: it is removed from the bootstrap setting, because as a
/// bootstrap key it would match itself and log in as the bootstrap owner whatever the store says about it.
/// </remarks>
internal sealed class StdioPresentedKey : IPostConfigureOptions<AiMemorySecurityOptions>
{
    /// <summary>Reads the key from <paramref name="configuration"/>.</summary>
    public StdioPresentedKey(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var options = new AiMemorySecurityOptions();
        AiMemorySecurityConfiguration.Bind(configuration, options);
        Value = string.IsNullOrWhiteSpace(options.BootstrapApiKey) ? null : options.BootstrapApiKey.Trim();
    }

    /// <summary>The key, or <see langword="null"/> when <c>API_KEY</c> is not set.</summary>
    public string? Value { get; }

    /// <summary>Whether the key is in the managed format, so it is looked up in the store.</summary>
    public bool IsManagedKey => Value?.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal) == true;

    /// <inheritdoc/>
    public void PostConfigure(string? name, AiMemorySecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (IsManagedKey)
        {
            options.BootstrapApiKey = null;
        }
    }
}
