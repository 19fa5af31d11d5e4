namespace AiMemory.Core;

/// <summary>
/// Settings of the AiMemory store. Without <see cref="DatabaseUrl"/> the store is an embedded SQLite file.
/// Bind them from configuration with <see cref="AiMemoryOptionsConfiguration.Bind"/>.
/// </summary>
public sealed class AiMemoryOptions
{
    /// <summary>The configuration section that holds these settings.</summary>
    public const string SectionName = "AiMemory";

    /// <summary>The environment variable that names the PostgreSQL database.</summary>
    public const string DatabaseUrlVariable = "DATABASE_URL";

    /// <summary>
    /// The PostgreSQL database: a URI such as <c>postgresql://user:password@host:5432/database?sslmode=require</c>
    /// (percent-encode special characters in the user and password) or an Npgsql connection string such as
    /// <c>Host=localhost;Database=aimemory;Username=app;Password=...</c>.
    /// </summary>
    /// <value>Default: <see langword="null"/>, which selects the embedded SQLite store.</value>
    public string? DatabaseUrl { get; set; }

    /// <summary>The SQLite file used when <see cref="DatabaseUrl"/> is not set; its folder is created on first use.</summary>
    /// <value>Default: <see langword="null"/>, which means <see cref="DefaultSqlitePath"/>.</value>
    public string? SqlitePath { get; set; }

    /// <summary>
    /// Whether the store applies pending schema migrations before its first operation (and the host applies them at
    /// start-up). Turn it off when a separate step with an owner role migrates, so the runtime role needs no DDL rights.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool ApplyMigrationsOnStart { get; set; } = true;

    /// <summary>How long a SQLite writer waits for another process that holds the write lock.</summary>
    /// <value>Default: 5 seconds. Allowed: 0 to 10 minutes.</value>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The default SQLite file: <c>AiMemory/aimemory.db</c> in the user's local application data folder
    /// (<c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows).
    /// </summary>
    public static string DefaultSqlitePath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "AiMemory",
        "aimemory.db");

    /// <summary>Checks whether the settings select PostgreSQL.</summary>
    public bool UsesPostgreSql => !string.IsNullOrWhiteSpace(DatabaseUrl);

    /// <summary>Returns the SQLite file in use: <see cref="SqlitePath"/> or the default.</summary>
    public string ResolveSqlitePath() => string.IsNullOrWhiteSpace(SqlitePath) ? DefaultSqlitePath : SqlitePath;
}
