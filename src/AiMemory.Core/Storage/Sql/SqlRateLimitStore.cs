using AiMemory.Security.RateLimiting;
using Microsoft.Extensions.Logging;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// Fixed-window counters in the store's database: one upsert per request returns the new count. Counters whose
/// window has ended are deleted at most once a minute, by the request that finds the cleanup due.
/// </summary>
internal sealed class SqlRateLimitStore(SqlDatabase database, ILogger logger) : ISharedRateLimitStore
{
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);

    private long _nextCleanupTicks;

    public async ValueTask<long> IncrementAsync(
        string partitionKey,
        DateTimeOffset windowStart,
        TimeSpan window,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var dialect = database.Dialect;
        var start = SqlDatabase.Truncate(windowStart);
        var count = await database.WriteAsync(
            async (connection, transaction) =>
            {
                using var command = connection.CreateCommand(
                    transaction,
                    "INSERT INTO rate_limit_counters (partition_key, window_start, expires_at, count) VALUES (@key, @start, @expires, 1) " +
                    "ON CONFLICT (partition_key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1 RETURNING count");
                command.With("@key", partitionKey).With("@start", dialect.ToDbTime(start)).With("@expires", dialect.ToDbTime(start + window));
                return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        await CleanUpIfDueAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Deletes counters of ended windows, when the last cleanup is more than a minute old.</summary>
    internal async Task<int> CleanUpIfDueAsync(CancellationToken cancellationToken)
    {
        var now = database.Now();
        var due = Interlocked.Read(ref _nextCleanupTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextCleanupTicks, (now + CleanupInterval).UtcTicks, due) != due)
        {
            return 0;
        }

        var removed = await database.WriteAsync(
            async (connection, transaction) =>
            {
                using var command = connection.CreateCommand(transaction, "DELETE FROM rate_limit_counters WHERE expires_at <= @now");
                return await command.With("@now", database.Dialect.ToDbTime(now)).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        StoreLog.RateLimitCountersRemoved(logger, removed);
        return removed;
    }
}
