using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// Runs reads and write transactions on a backend: applies migrations before first use when asked to, retries
/// transient failures a bounded number of times and turns connection failures into
/// <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class SqlDatabase : IAsyncDisposable
{
    private const int MaxAttempts = 4;

    private readonly ILogger _logger;
    private readonly bool _migrateOnFirstUse;
    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private volatile bool _ready;

    public SqlDatabase(SqlDialect dialect, TimeProvider timeProvider, ILogger logger, bool migrateOnFirstUse)
    {
        Dialect = dialect;
        TimeProvider = timeProvider;
        _logger = logger;
        _migrateOnFirstUse = migrateOnFirstUse;
    }

    public SqlDialect Dialect { get; }

    public ILogger Logger => _logger;

    public TimeProvider TimeProvider { get; }

    /// <summary>The current UTC time, truncated to microseconds, the precision both backends store.</summary>
    public DateTimeOffset Now() => Truncate(TimeProvider.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var applied = await RunMappedAsync(
                () => Dialect.MigrateAsync(MigrationCatalog.For(Dialect.Backend), Now(), cancellationToken)).ConfigureAwait(false);
            foreach (var migration in applied)
            {
                StoreLog.MigrationApplied(_logger, migration.Version, migration.Name, Dialect.Backend);
            }

            _ready = true;
            StoreLog.MigrationsApplied(_logger, Dialect.Backend, Dialect.DisplayName);
        }
        finally
        {
            _migrationLock.Release();
        }
    }

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await RunMappedAsync(
            async () =>
            {
                var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    return await work(connection).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await RunMappedAsync(() => WriteOnceAsync(work, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<T> WriteOnceAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        if (_migrateOnFirstUse)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await CheckSchemaVersionAsync(cancellationToken).ConfigureAwait(false);
        _ready = true;
    }

    /// <summary>
    /// With migrations off, checks once that a separate step has brought the schema up to date, so a missing
    /// migration fails with an explanation instead of an error about a missing table.
    /// </summary>
    private async Task CheckSchemaVersionAsync(CancellationToken cancellationToken)
    {
        var expected = MigrationCatalog.For(Dialect.Backend)[^1].Version;
        var current = await RunMappedAsync(
            async () =>
            {
                var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    try
                    {
                        using var command = connection.CreateCommand(null, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
                        return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
                    }
                    catch (DbException exception) when (!Dialect.IsUnavailable(exception) && !Dialect.IsTransient(exception))
                    {
                        // The version table itself is missing: nothing was ever migrated.
                        return 0L;
                    }
                }
            }).ConfigureAwait(false);

        if (current < expected)
        {
            throw new InvalidOperationException(
                $"The {Dialect.Backend} schema is at version {current}, but this AiMemory version needs {expected}. " +
                "Apply the migrations (IAiMemoryStore.MigrateAsync) with a role that may change the schema, " +
                "or set AiMemory:ApplyMigrationsOnStart to true.");
        }
    }

    /// <summary>Runs an operation, retrying transient failures and mapping connection failures.</summary>
    private async Task<T> RunMappedAsync<T>(Func<Task<T>> operation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (StoreException)
            {
                throw;
            }
            catch (Exception exception) when (attempt < MaxAttempts && Dialect.IsTransient(exception))
            {
                StoreLog.TransientFailure(_logger, Dialect.Backend, attempt, exception);
                // Real time, not the injected provider: a test clock that never advances must not stall a retry.
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * attempt)).ConfigureAwait(false);
            }
            catch (Exception exception) when (Dialect.IsUnavailable(exception) || Dialect.IsTransient(exception))
            {
                StoreLog.Unavailable(_logger, Dialect.Backend, Dialect.DisplayName, exception);
                throw new StoreUnavailableException(exception);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _migrationLock.Dispose();
        await Dialect.DisposeAsync().ConfigureAwait(false);
    }
}
