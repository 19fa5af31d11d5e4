using AiMemory.Core.Storage.Sql;
using AiMemory.Core.Storage.Sqlite;
using AiMemory.Security.Keys;
using AiMemory.Security.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiMemory.Core.Storage;

/// <summary>
/// The AiMemory store on PostgreSQL or an embedded SQLite file, chosen by <see cref="AiMemoryOptions"/>. One instance
/// serves every owner; it also holds the API keys and the shared rate-limit counters in the same database.
/// </summary>
public sealed class AiMemoryStore : IAiMemoryStore, IAsyncDisposable
{
    private readonly SqlDatabase _database;

    private AiMemoryStore(SqlDatabase database)
    {
        _database = database;
        ApiKeys = new SqlApiKeyStore(database);
        RateLimits = new SqlRateLimitStore(database, database.Logger);
    }

    /// <inheritdoc/>
    public string Backend => _database.Dialect.Backend;

    /// <summary>The API key records, in the same database as the memories.</summary>
    public IApiKeyStore ApiKeys { get; }

    /// <summary>The fixed-window request counters shared by every host instance.</summary>
    public ISharedRateLimitStore RateLimits { get; }

    /// <summary>
    /// Creates a store from options. No I/O happens here: the database is opened, and migrated when
    /// <see cref="AiMemoryOptions.ApplyMigrationsOnStart"/> is set, by the first operation.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public static AiMemoryStore Create(AiMemoryOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = AiMemoryOptionsValidator.Check(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }

        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("AiMemory.Core.Storage");
        SqlDialect dialect = options.UsesPostgreSql
            ? PostgreSql.PostgresDialect.Create(options.DatabaseUrl!, loggerFactory)
            : new SqliteDialect(options.ResolveSqlitePath(), options.SqliteBusyTimeout);
        StoreLog.Opened(logger, dialect.Backend, dialect.DisplayName);
        var database = new SqlDatabase(dialect, timeProvider ?? TimeProvider.System, logger, options.ApplyMigrationsOnStart);
        return new AiMemoryStore(database);
    }

    /// <inheritdoc/>
    public IOwnerStore ForOwner(string owner)
    {
        StoreValidation.Owner(owner);
        return new SqlOwnerStore(new OwnerScope(_database, owner));
    }

    /// <inheritdoc/>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => _database.MigrateAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _database.ReadAsync(
                async connection =>
                {
                    using var command = connection.CreateCommand(null, "SELECT 1");
                    return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false) == 1;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
