using System.Text.Json;
using System.Text.Json.Serialization;
using AiMemory.Core.Storage;

namespace AiMemory.Core.Administration;

/// <summary>
/// Writes owners' data to a JSON file and restores it. A restore checks the whole file first and imports each
/// owner in one transaction; records already present are not duplicated, so a restore can be repeated.
/// </summary>
public static class AiMemoryBackup
{
    /// <summary>The file format this version writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions FileFormat = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Exports the given owners to <paramref name="path"/>, replacing the file only when all exports succeeded.</summary>
    /// <exception cref="ArgumentException">No owner is given.</exception>
    public static async Task<BackupFile> ExportAsync(
        IAiMemoryStore store,
        IReadOnlyCollection<string> owners,
        string path,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var backups = new List<OwnerBackup>(owners.Count);
        foreach (var owner in owners.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var data = await store.ForOwner(owner).ExportAsync(cancellationToken).ConfigureAwait(false);
            backups.Add(new OwnerBackup(owner, data));
        }

        var backup = new BackupFile(CurrentFormatVersion, (timeProvider ?? TimeProvider.System).GetUtcNow(), backups);
        var partial = path + ".partial";
        await using (var stream = File.Create(partial))
        {
            await JsonSerializer.SerializeAsync(stream, backup, FileFormat, cancellationToken).ConfigureAwait(false);
        }

        File.Move(partial, path, overwrite: true);
        return backup;
    }

    /// <summary>Reads and checks a backup file without writing anything.</summary>
    /// <exception cref="InvalidDataException">The file is not a backup of a format this version reads.</exception>
    public static async Task<BackupFile> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        BackupFile? backup;
        try
        {
            await using var stream = File.OpenRead(path);
            backup = await JsonSerializer.DeserializeAsync<BackupFile>(stream, FileFormat, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The backup file '{path}' is not valid JSON: {exception.Message}", exception);
        }

        if (backup?.Owners is null || backup.FormatVersion != CurrentFormatVersion)
        {
            throw new InvalidDataException(
                $"The backup file '{path}' has format version {backup?.FormatVersion}; this version reads {CurrentFormatVersion}.");
        }

        return backup;
    }

    /// <summary>Imports the owners of <paramref name="backup"/>, or only <paramref name="owner"/> when given.</summary>
    /// <exception cref="ArgumentException">The owner is not in the backup.</exception>
    public static async Task<IReadOnlyList<OwnerRestore>> ImportAsync(
        IAiMemoryStore store,
        BackupFile backup,
        string? owner = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(backup);

        var selected = owner is null
            ? backup.Owners
            : backup.Owners.Where(item => string.Equals(item.Owner, owner, StringComparison.Ordinal)).ToList();
        if (owner is not null && selected.Count == 0)
        {
            throw new ArgumentException($"The backup has no data for owner '{owner}'.", nameof(owner));
        }

        var results = new List<OwnerRestore>(selected.Count);
        foreach (var item in selected)
        {
            var result = await store.ForOwner(item.Owner).ImportAsync(item.Data, cancellationToken).ConfigureAwait(false);
            results.Add(new OwnerRestore(item.Owner, result));
        }

        return results;
    }
}
