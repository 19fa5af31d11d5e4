using DotNetEnv;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace AiMemory.Hosting.Stdio.Configuration;

/// <summary>
/// Reads a <c>.env</c> file (<c>NAME=value</c> lines) into configuration, below the environment variables, so a
/// variable that is already set always wins over the file. The process environment itself is left unchanged.
/// </summary>
internal static class DotEnvFile
{
    /// <summary>The file name looked for in the working directory.</summary>
    public const string FileName = ".env";

    /// <summary>
    /// Adds the values of the file at <paramref name="path"/> to <paramref name="configuration"/>, just before the
    /// environment-variable source without a prefix, or last when there is none. A missing file adds nothing.
    /// </summary>
    /// <returns>The number of values read.</returns>
    /// <exception cref="StdioStartupException">The file exists but cannot be read or parsed.</exception>
    public static int AddTo(IConfigurationBuilder configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(path);

        if (!File.Exists(path))
        {
            return 0;
        }

        var values = Read(path);
        var source = new MemoryConfigurationSource { InitialData = values };
        var sources = configuration.Sources;
        var environmentIndex = IndexOfEnvironmentSource(sources);
        if (environmentIndex < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(environmentIndex, source);
        }

        return values.Count;
    }

    private static Dictionary<string, string?> Read(string path)
    {
        try
        {
            // NoEnvVars keeps DotNetEnv from writing to the process environment; the values go to configuration only.
            var pairs = Env.NoEnvVars().Load(path);
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in pairs)
            {
                // Same convention as environment variables: a double underscore separates section and key.
                values[name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
            }

            return values;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Sprache.ParseException)
        {
            throw new StdioStartupException(
                $"The {FileName} file '{path}' cannot be read: {exception.Message} Fix the line it names, or remove the file.",
                exception);
        }
    }

    private static int IndexOfEnvironmentSource(IList<IConfigurationSource> sources)
    {
        for (var index = 0; index < sources.Count; index++)
        {
            if (sources[index] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                return index;
            }
        }

        return -1;
    }
}
