using System.Globalization;
using AiMemory.Hosting.Http.Logging;
using Microsoft.Extensions.Configuration;

namespace AiMemory.Hosting.Http.Configuration;

/// <summary>
/// Reads <see cref="AiMemoryHttpOptions"/> from configuration. A flat environment name such as <c>PORT</c> wins
/// over the same setting in the <c>AiMemory</c> section (<c>AiMemory:Port</c>), so a variable set by the operator
/// overrides <c>appsettings.json</c>.
/// </summary>
public static class AiMemoryHttpSettings
{
    /// <summary>The configuration section read for settings that have no flat environment name set.</summary>
    public const string SectionName = "AiMemory";

    /// <summary>Reads and validates the settings. Throws <see cref="HostStartupException"/> naming a bad setting.</summary>
    public static AiMemoryHttpOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var options = new AiMemoryHttpOptions();
        var port = Get(configuration, "PORT", "Port");
        if (port is not null)
        {
            options.Port = ParsePort(port);
        }

        options.Host = Get(configuration, "HOST", "Host") ?? options.Host;
        options.UseHttps = ParseBoolean(configuration, "USE_HTTPS", "UseHttps") ?? options.UseHttps;
        options.SslKeyPath = Get(configuration, "SSL_KEY_PATH", "SslKeyPath");
        options.SslCertPath = Get(configuration, "SSL_CERT_PATH", "SslCertPath");
        options.LogLevel = Get(configuration, "LOG_LEVEL", "LogLevel") ?? options.LogLevel;
        options.LogFile = Get(configuration, "LOG_FILE", "LogFile");
        options.AllowInsecureBind = ParseBoolean(configuration, "AIMEMORY_ALLOW_INSECURE_BIND", "AllowInsecureBind")
            ?? options.AllowInsecureBind;

        var maxBody = Get(configuration, "AIMEMORY_MAX_BODY_BYTES", "MaxRequestBodyBytes");
        if (maxBody is not null)
        {
            options.MaxRequestBodyBytes = ParseBodyLimit(maxBody);
        }

        Validate(options);
        return options;
    }

    /// <summary>Checks the combinations that cannot work. Throws <see cref="HostStartupException"/>.</summary>
    public static void Validate(AiMemoryHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        if (options.Port is < 0 or > 65535)
        {
            throw new HostStartupException($"PORT {options.Port} is invalid: use a number from 1 to 65535.");
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            throw new HostStartupException("HOST is empty: set it to an IP address such as 127.0.0.1, or to localhost.");
        }

        HostLogLevels.Parse(options.LogLevel);
        if (!options.UseHttps)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.SslKeyPath))
        {
            throw new HostStartupException("USE_HTTPS is true but SSL_KEY_PATH is not set: set it to the PEM file of the private key.");
        }

        if (string.IsNullOrWhiteSpace(options.SslCertPath))
        {
            throw new HostStartupException("USE_HTTPS is true but SSL_CERT_PATH is not set: set it to the PEM file of the certificate.");
        }
    }

    private static string? Get(IConfiguration configuration, string variable, string sectionKey)
    {
        var value = configuration[variable];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[$"{SectionName}:{sectionKey}"];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static bool? ParseBoolean(IConfiguration configuration, string variable, string sectionKey)
    {
        var value = Get(configuration, variable, sectionKey);
        return value?.ToUpperInvariant() switch
        {
            null => null,
            "TRUE" or "1" or "YES" or "ON" => true,
            "FALSE" or "0" or "NO" or "OFF" => false,
            _ => throw new HostStartupException($"{variable} value '{value}' is invalid: use true or false."),
        };
    }

    private static int ParsePort(string value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new HostStartupException($"PORT value '{value}' is invalid: use a number from 1 to 65535.");
        }

        return port;
    }

    private static long ParseBodyLimit(string value)
    {
        const long MaxBodyBytes = 64L * 1024 * 1024;
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes is < 1024 or > MaxBodyBytes)
        {
            throw new HostStartupException(
                $"AIMEMORY_MAX_BODY_BYTES value '{value}' is invalid: use a number of bytes from 1024 to {MaxBodyBytes}.");
        }

        return bytes;
    }
}
