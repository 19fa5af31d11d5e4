using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using AiMemory.Core.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiMemory.Core.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL backend, through one <see cref="NpgsqlDataSource"/> that logs with the host's logger factory.
/// Full-text search combines a weighted tsvector (GIN index) for ranking with pg_trgm substring matching (GIN
/// <c>gin_trgm_ops</c> index), which also finds CJK text that the <c>simple</c> parser keeps as one long token.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    // The advisory lock that serialises migrations across processes; the value is the ASCII bytes of "AiMemory".
    private const long MigrationLockKey = 0x41694D656D6F7279;

    private static readonly string[] TablesWithIds = ["projects", "categories", "tags", "memories", "tasks", "instructions"];

    private readonly NpgsqlDataSource _dataSource;

    private PostgresDialect(NpgsqlDataSource dataSource, string displayName)
    {
        _dataSource = dataSource;
        DisplayName = displayName;
    }

    public override string Backend => "postgresql";

    public override string DisplayName { get; }

    /// <summary>Creates the dialect and its data source from <c>DATABASE_URL</c> in either form.</summary>
    public static PostgresDialect Create(string databaseUrl, ILoggerFactory loggerFactory)
    {
        var connectionString = DatabaseUrl.Parse(databaseUrl);
        var builder = CreateDataSourceBuilder(connectionString.ConnectionString);
        builder.UseLoggerFactory(loggerFactory);
        return new PostgresDialect(builder.Build(), DatabaseUrl.Describe(connectionString));
    }

    /// <summary>
    /// Creates a data source builder with the features the store uses: the basic types and TLS. The slim builder keeps
    /// the handlers of every other PostgreSQL type out of a Native AOT host, about 2.5 MB of its binary.
    /// </summary>
    // NOTE: Kerberos (GSSAPI) sign-in is not enabled; password, SCRAM and certificate sign-in work.
    internal static NpgsqlSlimDataSourceBuilder CreateDataSourceBuilder(string connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        builder.EnableTransportSecurity();
        return builder;
    }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    public override string NextId(string table) => $"nextval('{table}_id_seq')";

    public override async Task<long[]> AllocateIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string owner,
        string table,
        int count,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand(transaction, $"SELECT nextval('{table}_id_seq') FROM generate_series(1, @count)").With("@count", count);
        var ids = new long[count];
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (var index = 0; index < count && await reader.ReadAsync(cancellationToken).ConfigureAwait(false); index++)
        {
            ids[index] = reader.GetInt64(0);
        }

        return ids;
    }

    public override Task<long[]?> AllocateSearchRowIdsAsync(
        DbConnection connection,
        DbTransaction transaction,
        string table,
        int count,
        CancellationToken cancellationToken) => Task.FromResult<long[]?>(null);

    public override (string Columns, string Values) SearchableInsertExtras(string table) => ("", "");

    public override object ToDbTime(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    /// <summary>
    /// Matches words of space-separated scripts through the tsvector and <c>websearch_to_tsquery</c>, which PostgreSQL
    /// documents as raising no syntax errors on user text. Tokens with CJK characters or emoji, which the
    /// <c>simple</c> parser does not split into words, must each occur as a substring (ILIKE, served by the trigram
    /// index from three characters on). Every token is bound as a parameter, never spliced into SQL.
    /// </summary>
    public override TextMatch MatchText(SqlQuery query, SearchTarget target, string text)
    {
        var alias = target.Alias;
        var tokens = SearchTokens.Split(text);
        var words = tokens.Where(token => !SearchTokens.NeedsSubstringMatch(token)).ToList();
        var conditions = new List<string>();
        var rank = "0.0";
        if (words.Count > 0)
        {
            var tsQuery = $"websearch_to_tsquery('simple', {query.Parameter(string.Join(' ', words))})";
            conditions.Add($"{alias}.search @@ {tsQuery}");
            rank = $"ts_rank({alias}.search, {tsQuery})";
        }

        var document = $"({alias}.{target.TitleColumn} || ' ' || COALESCE({alias}.{target.BodyColumn}, ''))";
        conditions.AddRange(tokens.Where(SearchTokens.NeedsSubstringMatch)
            .Select(token => $"{document} ILIKE {query.Parameter(SearchTokens.LikePattern(token))} ESCAPE '\\'"));
        return new TextMatch($"{target.Table} {alias}", string.Join(" AND ", conditions), rank);
    }

    public override bool IsTransient(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected };

    public override bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override async Task<IReadOnlyList<Migration>> MigrateAsync(
        IReadOnlyList<Migration> migrations,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
            try
            {
                await ExecuteAsync(
                    connection,
                    null,
                    "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)",
                    cancellationToken).ConfigureAwait(false);
                using var select = connection.CreateCommand(null, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
                var current = await select.ScalarInt64Async(cancellationToken).ConfigureAwait(false);

                var applied = new List<Migration>();
                foreach (var migration in migrations.Where(migration => migration.Version > current))
                {
                    var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        await ExecuteAsync(connection, transaction, migration.Script, cancellationToken).ConfigureAwait(false);
                        using var record = connection.CreateCommand(
                            transaction,
                            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @now)");
                        record.With("@version", migration.Version).With("@name", migration.Name).With("@now", ToDbTime(now));
                        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    applied.Add(migration);
                }

                return applied;
            }
            finally
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Moves each id sequence past the largest id, which an import may have written explicitly.</summary>
    public override async Task AdvanceIdsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var table in TablesWithIds)
        {
            await ExecuteAsync(
                connection,
                transaction,
                $"SELECT setval('{table}_id_seq', GREATEST((SELECT COALESCE(MAX(id), 0) FROM {table}), (SELECT last_value FROM {table}_id_seq)))",
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand(transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
