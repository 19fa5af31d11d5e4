using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiMemory.Security;

/// <summary>
/// Reads <see cref="AiMemorySecurityOptions"/> from configuration: first the <c>AiMemory:Security</c> section (property
/// names, lists as arrays or comma-separated strings, durations in milliseconds as <c>...Ms</c> or as TimeSpan text),
/// then the flat environment names, which win: <c>API_KEY</c>, <c>AIMEMORY_KEY_SECRET</c>, <c>RATE_LIMIT_WINDOW_MS</c>,
/// <c>RATE_LIMIT_MAX_REQUESTS</c>, <c>RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS</c>, <c>RATE_LIMIT_SHARED</c>,
/// <c>ALLOWED_ORIGINS</c>, <c>ALLOW_NULL_ORIGIN</c>, <c>ALLOWED_HOSTS</c>, <c>TRUSTED_PROXIES</c> and
/// <c>AIMEMORY_KEY_CACHE_MS</c>. A value that cannot be read is reported by the options validator, by its name.
/// </summary>
public static class AiMemorySecurityConfiguration
{
    /// <summary>Sets <paramref name="options"/> from <paramref name="configuration"/>. Lists are replaced, not appended to.</summary>
    public static void Bind(IConfiguration configuration, AiMemorySecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);

        var section = configuration.GetSection(AiMemorySecurityOptions.SectionName);
        BindSection(section, options);
        BindFlatNames(configuration, options);
    }

    private static void BindSection(IConfigurationSection section, AiMemorySecurityOptions options)
    {
        var prefix = AiMemorySecurityOptions.SectionName + ":";
        SetString(section, nameof(options.BootstrapApiKey), value => options.BootstrapApiKey = value);
        SetString(section, nameof(options.KeyHashSecret), value => options.KeyHashSecret = value);
        SetDuration(section, nameof(options.RateLimitWindow), prefix, options, value => options.RateLimitWindow = value);
        SetInteger(section, nameof(options.RateLimitMaxRequests), prefix + nameof(options.RateLimitMaxRequests), options,
            value => options.RateLimitMaxRequests = value);
        SetInteger(section, nameof(options.UnauthenticatedMaxRequests), prefix + nameof(options.UnauthenticatedMaxRequests), options,
            value => options.UnauthenticatedMaxRequests = value);
        SetInteger(section, nameof(options.MaxRateLimitPartitions), prefix + nameof(options.MaxRateLimitPartitions), options,
            value => options.MaxRateLimitPartitions = value);
        SetBoolean(section, nameof(options.UseSharedRateLimitStore), prefix + nameof(options.UseSharedRateLimitStore), options,
            value => options.UseSharedRateLimitStore = value);
        SetBoolean(section, nameof(options.AllowNullOrigin), prefix + nameof(options.AllowNullOrigin), options,
            value => options.AllowNullOrigin = value);
        SetBoolean(section, nameof(options.AllowCredentials), prefix + nameof(options.AllowCredentials), options,
            value => options.AllowCredentials = value);
        SetBoolean(section, nameof(options.LoopbackBound), prefix + nameof(options.LoopbackBound), options,
            value => options.LoopbackBound = value);
        SetList(section, nameof(options.AllowedOrigins), options.AllowedOrigins);
        SetList(section, nameof(options.AllowedHosts), options.AllowedHosts);
        SetList(section, nameof(options.TrustedProxies), options.TrustedProxies);
        SetDuration(section, nameof(options.KeyCacheLifetime), prefix, options, value => options.KeyCacheLifetime = value);
        SetDuration(section, nameof(options.RotationGracePeriod), prefix, options, value => options.RotationGracePeriod = value);
    }

    private static void BindFlatNames(IConfiguration configuration, AiMemorySecurityOptions options)
    {
        SetString(configuration, "API_KEY", value => options.BootstrapApiKey = value);
        SetString(configuration, "AIMEMORY_KEY_SECRET", value => options.KeyHashSecret = value);
        SetMilliseconds(configuration, "RATE_LIMIT_WINDOW_MS", options, value => options.RateLimitWindow = value);
        SetInteger(configuration, "RATE_LIMIT_MAX_REQUESTS", "RATE_LIMIT_MAX_REQUESTS", options, value => options.RateLimitMaxRequests = value);
        SetInteger(configuration, "RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS", "RATE_LIMIT_UNAUTHENTICATED_MAX_REQUESTS", options,
            value => options.UnauthenticatedMaxRequests = value);
        SetBoolean(configuration, "RATE_LIMIT_SHARED", "RATE_LIMIT_SHARED", options, value => options.UseSharedRateLimitStore = value);
        SetBoolean(configuration, "ALLOW_NULL_ORIGIN", "ALLOW_NULL_ORIGIN", options, value => options.AllowNullOrigin = value);
        SetCommaSeparated(configuration, "ALLOWED_ORIGINS", options.AllowedOrigins);
        SetCommaSeparated(configuration, "ALLOWED_HOSTS", options.AllowedHosts);
        SetCommaSeparated(configuration, "TRUSTED_PROXIES", options.TrustedProxies);
        SetMilliseconds(configuration, "AIMEMORY_KEY_CACHE_MS", options, value => options.KeyCacheLifetime = value);
    }

    private static void SetString(IConfiguration configuration, string key, Action<string?> set)
    {
        var value = configuration[key];
        if (value is not null)
        {
            set(value.Trim() is { Length: > 0 } trimmed ? trimmed : null);
        }
    }

    private static void SetInteger(IConfiguration configuration, string key, string settingName, AiMemorySecurityOptions options, Action<int> set)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            set(number);
        }
        else
        {
            options.BindingErrors.Add($"{settingName} is '{Logging.LogValue.Escape(value)}', which is not a whole number; set a positive integer.");
        }
    }

    private static void SetMilliseconds(IConfiguration configuration, string key, AiMemorySecurityOptions options, Action<TimeSpan> set)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds <= int.MaxValue)
        {
            set(TimeSpan.FromMilliseconds(milliseconds));
        }
        else
        {
            options.BindingErrors.Add(
                $"{key} is '{Logging.LogValue.Escape(value)}', which is not a whole number of milliseconds; set a positive integer such as 900000.");
        }
    }

    private static void SetDuration(IConfigurationSection section, string name, string prefix, AiMemorySecurityOptions options, Action<TimeSpan> set)
    {
        SetMilliseconds(section, name + "Ms", options, set);
        var value = section[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (TimeSpan.TryParse(value.Trim(), CultureInfo.InvariantCulture, out var duration))
        {
            set(duration);
        }
        else
        {
            options.BindingErrors.Add($"{prefix}{name} is '{Logging.LogValue.Escape(value)}', which is not a duration; write it as hh:mm:ss.");
        }
    }

    private static void SetBoolean(IConfiguration configuration, string key, string settingName, AiMemorySecurityOptions options, Action<bool> set)
    {
        var value = configuration[key]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            set(true);
        }
        else if (value is "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            set(false);
        }
        else
        {
            options.BindingErrors.Add($"{settingName} is '{Logging.LogValue.Escape(value)}'; set it to true or false.");
        }
    }

    private static void SetList(IConfigurationSection section, string name, IList<string> list)
    {
        var child = section.GetSection(name);
        var items = child.GetChildren().Select(item => item.Value).OfType<string>().ToArray();
        if (items.Length > 0)
        {
            Replace(list, items);
        }
        else if (child.Value is not null)
        {
            SetCommaSeparated(section, name, list);
        }
    }

    /// <summary>Replaces the list with the comma-separated entries of a value; an empty value clears it.</summary>
    private static void SetCommaSeparated(IConfiguration configuration, string key, IList<string> list)
    {
        var value = configuration[key];
        if (value is null)
        {
            return;
        }

        Replace(list, string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.TrimEntries));
    }

    private static void Replace(IList<string> list, IEnumerable<string> items)
    {
        list.Clear();
        foreach (var item in items)
        {
            list.Add(item);
        }
    }
}
