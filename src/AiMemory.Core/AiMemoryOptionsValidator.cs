using Microsoft.Extensions.Options;

namespace AiMemory.Core;

/// <summary>Validates <see cref="AiMemoryOptions"/>; each message names the setting and says how to fix it.</summary>
public sealed class AiMemoryOptionsValidator : IValidateOptions<AiMemoryOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AiMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns the problems of the options, none when they are valid.</summary>
    public static IReadOnlyList<string> Check(AiMemoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.UsesPostgreSql && !Storage.PostgreSql.DatabaseUrl.TryParse(options.DatabaseUrl!, out _, out var error))
        {
            failures.Add(
                $"{AiMemoryOptions.DatabaseUrlVariable} is invalid: {error} Use postgresql://user:password@host:5432/database " +
                "(percent-encode special characters) or an Npgsql connection string such as Host=localhost;Database=aimemory;Username=app.");
        }

        if (!options.UsesPostgreSql && options.SqlitePath is { } path && (path.Trim().Length == 0 || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            failures.Add($"{AiMemoryOptions.SectionName}:SqlitePath '{path}' is not a valid file path; give a path such as data/aimemory.db or leave it unset for the default.");
        }

        if (options.SqliteBusyTimeout < TimeSpan.Zero || options.SqliteBusyTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add(
                $"{AiMemoryOptions.SectionName}:SqliteBusyTimeout is {options.SqliteBusyTimeout}; use a value from 00:00:00 to 00:10:00.");
        }

        return failures;
    }
}
