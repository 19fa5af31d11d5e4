using AiMemory.Core.Model;

namespace AiMemory.Core.Administration;

/// <summary>A backup: the data of one or more owners, as written to a JSON file.</summary>
/// <param name="FormatVersion">The file format; <see cref="AiMemoryBackup.CurrentFormatVersion"/> when written.</param>
/// <param name="CreatedAt">When the backup was taken.</param>
/// <param name="Owners">Each owner's data.</param>
public sealed record BackupFile(int FormatVersion, DateTimeOffset CreatedAt, IReadOnlyList<OwnerBackup> Owners);

/// <summary>One owner's data inside a <see cref="BackupFile"/>.</summary>
/// <param name="Owner">The owner.</param>
/// <param name="Data">Everything the owner had.</param>
public sealed record OwnerBackup(string Owner, OwnerExport Data);

/// <summary>What a restore did for one owner.</summary>
/// <param name="Owner">The owner.</param>
/// <param name="Result">Records created and records already present.</param>
public sealed record OwnerRestore(string Owner, ImportResult Result);
