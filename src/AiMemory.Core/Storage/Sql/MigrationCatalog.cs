using System.Globalization;
using System.Reflection;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// The schema scripts embedded in the assembly, one folder per backend, named <c>NNNN_description.sql</c> and applied
/// in version order.
/// </summary>
internal static class MigrationCatalog
{
    private static readonly Dictionary<string, IReadOnlyList<Migration>> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<Migration> For(string backend)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(backend, out var migrations))
            {
                migrations = Load(backend == "postgresql" ? "PostgreSql" : "Sqlite");
                Cache[backend] = migrations;
            }

            return migrations;
        }
    }

    private static List<Migration> Load(string folder)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var prefix = $"{assembly.GetName().Name}.Storage.Migrations.{folder}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName[..separator].TrimStart('_'), NumberStyles.None, CultureInfo.InvariantCulture);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], ReadText(assembly, resource)));
        }

        migrations.Sort((left, right) => left.Version.CompareTo(right.Version));
        return migrations;
    }

    private static string ReadText(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded migration {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
