namespace AiMemory.Hosting.Http.Configuration;

/// <summary>Loads a <c>.env</c> file (the operations guide's workflow) into the process environment.</summary>
internal static class EnvironmentFile
{
    /// <summary>
    /// Sets each variable of the file that is not already set; a variable set by the operator wins. A missing file
    /// is not an error. Throws <see cref="HostStartupException"/> naming the file when it cannot be read.
    /// </summary>
    /// <returns>The names of the variables the file set.</returns>
    public static IReadOnlyList<string> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var before = Environment.GetEnvironmentVariables().Keys.Cast<string>().ToHashSet(StringComparer.Ordinal);
            var pairs = DotNetEnv.Env.NoClobber().Load(path);
            return pairs.Select(pair => pair.Key).Where(name => !before.Contains(name)).Distinct(StringComparer.Ordinal).ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HostStartupException($".env file '{path}' cannot be read: {exception.Message}", exception);
        }
    }
}
