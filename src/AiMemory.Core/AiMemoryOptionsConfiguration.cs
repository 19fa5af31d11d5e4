using Microsoft.Extensions.Configuration;

namespace AiMemory.Core;

/// <summary>Reads <see cref="AiMemoryOptions"/> from configuration.</summary>
public static class AiMemoryOptionsConfiguration
{
    /// <summary>
    /// Binds the <c>AiMemory</c> section (for example <c>AiMemory:SqlitePath</c> in appsettings.json), then the flat
    /// <c>DATABASE_URL</c> value as environment variables and .env files provide it. <c>DATABASE_URL</c> wins over
    /// <c>AiMemory:DatabaseUrl</c>.
    /// </summary>
    public static AiMemoryOptions Bind(this AiMemoryOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.GetSection(AiMemoryOptions.SectionName).Bind(options);
        var databaseUrl = configuration[AiMemoryOptions.DatabaseUrlVariable];
        if (!string.IsNullOrWhiteSpace(databaseUrl))
        {
            options.DatabaseUrl = databaseUrl;
        }

        return options;
    }
}
