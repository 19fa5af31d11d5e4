using System.Data.Common;
using System.Globalization;
using System.Text;

namespace AiMemory.Core.Storage.Sql;

/// <summary>What differs between the PostgreSQL and SQLite backends; the repositories share everything else.</summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>The number of rows in one multi-row INSERT statement of the batch path.</summary>
    public const int RowsPerStatement = 200;

    /// <summary>The backend name: <c>postgresql</c> or <c>sqlite</c>.</summary>
    public abstract string Backend { get; }

    /// <summary>A description of the database for logs, without any password.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Opens a connection, ready for use (pragmas set).</summary>
    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Starts a write transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The SQL expression that yields a new id for <paramref name="table"/>, with <c>@owner</c> bound.</summary>
    public abstract string NextId(string table);

    /// <summary>Reserves <paramref name="count"/> new ids of <paramref name="table"/> for the owner, inside a write transaction.</summary>
    public abstract Task<long[]> AllocateIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string owner,
        string table,
        int count,
        CancellationToken cancellationToken);

    /// <summary>
    /// Reserves full-text row ids for new rows of a searchable table, or returns <see langword="null"/> when the
    /// backend keeps no such column.
    /// </summary>
    public abstract Task<long[]?> AllocateSearchRowIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        int count,
        CancellationToken cancellationToken);

    /// <summary>
    /// Extra columns and values for inserting into a searchable table (<c>memories</c> or <c>tasks</c>), each
    /// starting with a comma, or empty strings.
    /// </summary>
    public abstract (string Columns, string Values) SearchableInsertExtras(string table);

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="table"/> inside a write transaction. Each row lists its
    /// values in the order of <paramref name="columns"/>: <see cref="long"/>, <see cref="int"/>, <see cref="string"/>,
    /// a time from <see cref="ToDbTime"/>, or <see langword="null"/>. The default sends INSERT statements of up to
    /// 200 rows each. A constraint violation fails the call, and the caller's transaction with it.
    /// </summary>
    public virtual async Task InsertRowsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken)
    {
        var columnList = string.Join(", ", columns);
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            using var command = connection.CreateCommand(transaction, "");
            var sql = new StringBuilder($"INSERT INTO {table} ({columnList}) VALUES ");
            for (var index = start; index < Math.Min(rows.Count, start + RowsPerStatement); index++)
            {
                sql.Append(index == start ? "(" : ", (");
                for (var column = 0; column < columns.Count; column++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@r{index - start}c{column}");
                    sql.Append(column == 0 ? "" : ", ").Append(name);
                    command.With(name, rows[index][column]);
                }

                sql.Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Converts a UTC time to the value stored in a time column.</summary>
    public abstract object ToDbTime(DateTimeOffset value);

    /// <summary>Reads a time column as UTC.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Builds the full-text part of a search: joins, conditions and the rank expression.</summary>
    public abstract TextMatch MatchText(SqlQuery query, SearchTarget target, string text);

    /// <summary>Checks whether a failed transaction may succeed when retried (busy database, deadlock).</summary>
    public abstract bool IsTransient(Exception exception);

    /// <summary>Checks whether an error means the database cannot be reached or used right now.</summary>
    public abstract bool IsUnavailable(Exception exception);

    /// <summary>Checks whether an error is a unique-constraint violation.</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Applies the pending migrations under the backend's lock and returns the ones it applied.</summary>
    public abstract Task<IReadOnlyList<Migration>> MigrateAsync(IReadOnlyList<Migration> migrations, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Keeps id generators ahead of ids written explicitly by an import.</summary>
    public abstract Task AdvanceIdsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();
}

/// <summary>A table that full-text search reads: its alias in queries and the columns that hold its text.</summary>
internal sealed record SearchTarget(string Table, string Alias, string TitleColumn, string BodyColumn);

/// <summary>The parts of a full-text search that a dialect contributes to a query.</summary>
/// <param name="From">The FROM clause, which must define the target alias.</param>
/// <param name="Condition">A condition to AND into the WHERE clause.</param>
/// <param name="Rank">An expression of the rank; higher is better.</param>
internal sealed record TextMatch(string From, string Condition, string Rank);

/// <summary>One versioned schema script.</summary>
internal sealed record Migration(int Version, string Name, string Script);
