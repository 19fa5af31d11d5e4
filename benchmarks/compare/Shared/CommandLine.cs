using System.Globalization;

namespace AiMemory.Benchmarks.Compare;

/// <summary>The command-line parsing that the comparison tools share: <c>--quick</c> and <c>--name value</c> pairs.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Applies each <c>--name value</c> pair of <paramref name="args"/> to <paramref name="options"/> in order, skipping
    /// <c>--quick</c>. <paramref name="apply"/> returns the changed options, and raises <see cref="ArgumentException"/>
    /// for an unknown name or an invalid value.
    /// </summary>
    /// <exception cref="ArgumentException">An option has no value; the message ends with <paramref name="usage"/>.</exception>
    public static T ApplyPairs<T>(string[] args, T options, string usage, Func<T, string, string, T> apply)
    {
        for (var index = 0; index < args.Length; index++)
        {
            var name = args[index];
            if (name == "--quick")
            {
                continue;
            }

            if (index + 1 >= args.Length)
            {
                throw new ArgumentException($"Option {name} is missing its value.\n{usage}");
            }

            options = apply(options, name, args[++index]);
        }

        return options;
    }

    /// <summary>Parses the value of option <paramref name="name"/> as a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <exception cref="ArgumentException">The value is not such a number; the message names the option and the range.</exception>
    public static int Number(string name, string value, int min, int max)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            throw new ArgumentException($"Option {name} must be a whole number from {min} to {max}, not '{value}'.");
        }

        return number;
    }

    /// <summary>Returns the nearest folder at or above the current one that contains AiMemory.sln, or the current folder.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiMemory.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
