using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AiMemory.Core.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace AiMemory.Core.Storage.Sqlite;

/// <summary>
/// The embedded backend: one SQLite file in WAL mode. Writers take the write lock at the start of their transaction
/// (BEGIN IMMEDIATE) and wait up to the busy timeout for another process, so two hosts can share one file.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    // SQLITE_BUSY, SQLITE_LOCKED: another connection holds the lock.
    private const int Busy = 5;
    private const int Locked = 6;

    // SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PROTOCOL, SQLITE_NOTADB, SQLITE_READONLY: the file cannot be used.
    private static readonly int[] UnavailableCodes = [10, 13, 14, 15, 26, 8];

    private readonly string _connectionString;
    private readonly string _path;
    private readonly int _busyTimeoutMilliseconds;
    private volatile bool _folderReady;

    public SqliteDialect(string path, TimeSpan busyTimeout)
    {
        _path = Path.GetFullPath(path);
        _busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
    }

    public override string Backend => "sqlite";

    public override string DisplayName => _path;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_folderReady)
        {
            var folder = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            _folderReady = true;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

            // NORMAL is durable against a killed process in WAL mode; only a power loss may drop the last commits.
            using var pragma = connection.CreateCommand(
                null,
                "PRAGMA busy_timeout = " + _busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture) +
                "; PRAGMA synchronous = NORMAL;");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE unless a deferred transaction is requested.
        return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    public override string NextId(string table) => $"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table} WHERE owner = @owner)";

    // Inside BEGIN IMMEDIATE no other connection writes, so the ids after the current maximum are free.
    public override async Task<long[]> AllocateIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string owner,
        string table,
        int count,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand(transaction, $"SELECT COALESCE(MAX(id), 0) FROM {table} WHERE owner = @owner").With("@owner", owner);
        var last = await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        return Enumerable.Range(1, count).Select(offset => last + offset).ToArray();
    }

    public override async Task<long[]?> AllocateSearchRowIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        int count,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand(transaction, $"SELECT COALESCE(MAX(fts_rowid), 0) FROM {table}");
        var last = await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
        return Enumerable.Range(1, count).Select(offset => last + offset).ToArray();
    }

    public override (string Columns, string Values) SearchableInsertExtras(string table) =>
        (", fts_rowid", $", (SELECT COALESCE(MAX(fts_rowid), 0) + 1 FROM {table})");

    /// <summary>
    /// Inserts every row with one statement that reads them from a JSON array (<c>json_each</c>). Each statement that
    /// writes a searchable table opens a savepoint in the FTS5 table, and FTS5 writes its pending terms to a new
    /// segment at every savepoint (<c>fts5SavepointMethod</c> in SQLite's <c>fts5_main.c</c>). One statement per
    /// batch therefore leaves far fewer segments to merge than one statement per 200 rows.
    /// </summary>
    public override async Task InsertRowsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var values = string.Join(", ", Enumerable.Range(0, columns.Count).Select(index => $"value ->> {index.ToString(CultureInfo.InvariantCulture)}"));
        using var command = connection.CreateCommand(
            transaction,
            $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {values} FROM json_each(@rows) ORDER BY key");
        command.With("@rows", RowsToJson(rows));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the rows as a JSON array of arrays. Text keeps its characters, except those JSON must escape.</summary>
    private static string RowsToJson(IReadOnlyList<object?[]> rows)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var value in row)
                {
                    WriteJsonValue(writer, value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteJsonValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            default:
                throw new ArgumentException($"A {value.GetType().Name} value cannot be inserted in bulk; expected long, int, string or null.", nameof(value));
        }
    }

    public override object ToDbTime(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(ordinal) * 10);

    /// <summary>
    /// Matches with FTS5 and its trigram tokenizer, which finds substrings (CJK included) of three or more
    /// characters. Each token becomes a quoted phrase so operator characters are taken literally; tokens shorter
    /// than three characters are matched with LIKE instead.
    /// </summary>
    public override TextMatch MatchText(SqlQuery query, SearchTarget target, string text)
    {
        var alias = target.Alias;
        var tokens = SearchTokens.Split(text);
        var phrases = tokens.Where(token => SearchTokens.Length(token) >= 3).ToList();
        var conditions = new List<string>();
        foreach (var shortToken in tokens.Where(token => SearchTokens.Length(token) < 3))
        {
            var pattern = query.Parameter(SearchTokens.LikePattern(shortToken));
            conditions.Add(
                $"({alias}.{target.TitleColumn} LIKE {pattern} ESCAPE '\\' OR {alias}.{target.BodyColumn} LIKE {pattern} ESCAPE '\\')");
        }

        if (phrases.Count == 0)
        {
            return new TextMatch($"{target.Table} {alias}", Join(conditions), "0.0");
        }

        var fts = target.Table + "_fts";
        var match = new StringBuilder();
        foreach (var phrase in phrases)
        {
            match.Append(match.Length == 0 ? "" : " ").Append('"').Append(phrase.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        // CROSS JOIN makes SQLite run the full-text match first, and INDEXED BY makes it find each matching row by its
        // full-text row id. Left to itself, with a filter on an indexed column such as the project, the planner
        // chose a filter index instead and searches took hundreds of milliseconds at 10,000 rows.
        conditions.Insert(0, $"{fts} MATCH {query.Parameter(match.ToString())}");
        return new TextMatch(
            $"{fts} CROSS JOIN {target.Table} {alias} INDEXED BY {target.Table}_by_fts_rowid ON {alias}.fts_rowid = {fts}.rowid",
            Join(conditions),
            $"(-bm25({fts}, 2.0, 1.0))");
    }

    private static string Join(List<string> conditions) => conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions);

    public override bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: Busy or Locked };

    public override bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException sqlite => UnavailableCodes.Contains(sqlite.SqliteErrorCode),
        IOException or UnauthorizedAccessException => true,
        _ => false,
    };

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public override async Task<IReadOnlyList<Migration>> MigrateAsync(
        IReadOnlyList<Migration> migrations,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // WAL lets readers work while one process writes; the mode is stored in the file, outside transactions.
            using (var wal = connection.CreateCommand(null, "PRAGMA journal_mode = WAL;"))
            {
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using (var create = connection.CreateCommand(
                    transaction,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)"))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var applied = new List<Migration>();
                var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                foreach (var migration in migrations.Where(migration => migration.Version > current))
                {
                    using var script = connection.CreateCommand(transaction, migration.Script);
                    await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    using var record = connection.CreateCommand(
                        transaction,
                        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @now)");
                    record.With("@version", migration.Version).With("@name", migration.Name).With("@now", ToDbTime(now));
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    applied.Add(migration);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return applied;
            }
        }
    }

    private static async Task<long> CurrentVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand(transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return await command.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
    }

    public override Task AdvanceIdsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
