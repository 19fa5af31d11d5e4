using System.Text;
using System.Text.RegularExpressions;
using AiMemory.Core.Storage.PostgreSql;
using Npgsql;

namespace AiMemory.Core.Administration;

/// <summary>
/// The SQL that gives a PostgreSQL role the rights the running server needs and no more: it can connect,
/// read and write rows and use sequences, but it cannot create, alter or drop tables.
/// Run it with the owner role that applied the migrations, so default privileges cover tables it adds later.
/// </summary>
public static partial class RuntimeRoleSql
{
    /// <summary>The longest role name PostgreSQL keeps.</summary>
    public const int MaxRoleNameLength = 63;

    /// <summary>Builds the grant statements for <paramref name="role"/> on <paramref name="database"/>.</summary>
    /// <param name="role">An existing role: letters, digits and underscores, starting with a letter.</param>
    /// <param name="database">The database the role connects to.</param>
    /// <param name="schema">The schema that holds the AiMemory tables.</param>
    /// <exception cref="ArgumentException">A name is empty, too long or has characters other than letters, digits and underscores.</exception>
    public static string Build(string role, string database, string schema = "public")
    {
        CheckName(role, nameof(role));
        CheckName(database, nameof(database));
        CheckName(schema, nameof(schema));

        var text = new StringBuilder();
        text.AppendLine($"GRANT CONNECT ON DATABASE \"{database}\" TO \"{role}\";");
        text.AppendLine($"GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\";");
        text.AppendLine($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{role}\";");
        text.AppendLine($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \"{schema}\" TO \"{role}\";");
        text.AppendLine(
            $"ALTER DEFAULT PRIVILEGES IN SCHEMA \"{schema}\" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO \"{role}\";");
        text.AppendLine($"ALTER DEFAULT PRIVILEGES IN SCHEMA \"{schema}\" GRANT USAGE, SELECT ON SEQUENCES TO \"{role}\";");
        return text.ToString();
    }

    /// <summary>Builds the grant statements for the database that <paramref name="ownerDatabaseUrl"/> names.</summary>
    /// <param name="ownerDatabaseUrl">A <c>DATABASE_URL</c> value: a PostgreSQL URI or an Npgsql connection string.</param>
    /// <exception cref="ArgumentException">The URL is invalid, names no database, or the role name is not allowed.</exception>
    public static string BuildForDatabaseUrl(string role, string ownerDatabaseUrl)
    {
        var builder = ParseUrl(ownerDatabaseUrl);
        return Build(role, builder.Database ?? throw new ArgumentException("The database URL is missing a database name.", nameof(ownerDatabaseUrl)));
    }

    /// <summary>Runs the grant statements with the owner connection in <paramref name="ownerDatabaseUrl"/>, in one transaction.</summary>
    /// <exception cref="ArgumentException">The URL is invalid, names no database, or the role name is not allowed.</exception>
    /// <exception cref="NpgsqlException">The server refused the connection or a grant, for example because the role does not exist.</exception>
    public static async Task ApplyAsync(string role, string ownerDatabaseUrl, CancellationToken cancellationToken = default)
    {
        var sql = BuildForDatabaseUrl(role, ownerDatabaseUrl);
        await using var dataSource = PostgresDialect.CreateDataSourceBuilder(ParseUrl(ownerDatabaseUrl).ConnectionString).Build();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlConnectionStringBuilder ParseUrl(string ownerDatabaseUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerDatabaseUrl);
        return DatabaseUrl.TryParse(ownerDatabaseUrl, out var builder, out var error)
            ? builder
            : throw new ArgumentException(error, nameof(ownerDatabaseUrl));
    }

    private static void CheckName(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (name.Length is 0 or > MaxRoleNameLength || !PlainName().IsMatch(name))
        {
            throw new ArgumentException(
                $"The {parameter} name '{name}' is not allowed: use 1 to {MaxRoleNameLength} letters, digits or underscores, "
                + "starting with a letter.",
                parameter);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex PlainName();
}
