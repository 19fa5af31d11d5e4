using AiMemory.Security.Origins;
using AiMemory.Security.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiMemory.Security;

/// <summary>
/// Validates <see cref="AiMemorySecurityOptions"/> at start-up. Each message names the setting, by its environment
/// variable where it has one, and says how to fix it.
/// </summary>
public sealed class AiMemorySecurityOptionsValidator : IValidateOptions<AiMemorySecurityOptions>
{
    /// <summary>The longest key cache lifetime: it bounds how long a key revoked on another instance keeps working.</summary>
    public static readonly TimeSpan MaxKeyCacheLifetime = TimeSpan.FromMinutes(5);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AiMemorySecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>(options.BindingErrors);

        if (options.RateLimitWindow <= TimeSpan.Zero)
        {
            errors.Add("RATE_LIMIT_WINDOW_MS must be a positive number of milliseconds; the default is 900000 (15 minutes).");
        }

        if (options.RateLimitMaxRequests < 1)
        {
            errors.Add($"RATE_LIMIT_MAX_REQUESTS must be at least 1; the default is {AiMemorySecurityDefaults.RateLimitMaxRequests}.");
        }

        if (options.UnauthenticatedMaxRequests < 1)
        {
            errors.Add(
                $"RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS must be at least 1; the default is {AiMemorySecurityDefaults.UnauthenticatedMaxRequests}.");
        }

        if (options.MaxRateLimitPartitions < 1)
        {
            errors.Add($"MaxRateLimitPartitions must be at least 1; the default is {AiMemorySecurityDefaults.MaxRateLimitPartitions}.");
        }

        if (options.KeyCacheLifetime < TimeSpan.Zero || options.KeyCacheLifetime > MaxKeyCacheLifetime)
        {
            errors.Add("AIMEMORY_KEY_CACHE_MS must be between 0 and 300000 milliseconds, because it bounds how long a revoked key keeps working; the default is 5000.");
        }

        if (options.RotationGracePeriod < TimeSpan.Zero)
        {
            errors.Add("RotationGracePeriod must not be negative; use 00:00:00 to end the old key at once.");
        }

        ValidateBootstrapKey(options.BootstrapApiKey, errors);
        if (options.KeyHashSecret is { } secret && secret.Length < AiMemorySecurityDefaults.MinKeyHashSecretLength)
        {
            errors.Add(
                $"AIMEMORY_KEY_SECRET has {secret.Length} characters; use at least {AiMemorySecurityDefaults.MinKeyHashSecretLength}, for example the output of 'openssl rand -hex 32'.");
        }

        errors.AddRange(OriginPolicy.Validate(options));
        ClientAddressResolver.ParseTrustedProxies(options.TrustedProxies, errors);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateBootstrapKey(string? key, List<string> errors)
    {
        if (key is null)
        {
            return;
        }

        if (key.Length < AiMemorySecurityDefaults.MinBootstrapKeyLength)
        {
            errors.Add(
                $"API_KEY has {key.Length} characters; use at least {AiMemorySecurityDefaults.MinBootstrapKeyLength}, for example the output of 'openssl rand -hex 32'.");
        }
        else if (key.Length > AiMemorySecurityDefaults.MaxPresentedKeyLength)
        {
            errors.Add($"API_KEY has {key.Length} characters; use at most {AiMemorySecurityDefaults.MaxPresentedKeyLength}.");
        }
        else if (key.Any(character => character is <= ' ' or >= '\u007F'))
        {
            errors.Add("API_KEY contains spaces, control or non-ASCII characters, which clients cannot send in a header; generate one with 'openssl rand -hex 32'.");
        }
    }
}
