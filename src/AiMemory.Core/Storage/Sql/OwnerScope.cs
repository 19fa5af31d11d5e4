using System.Data.Common;

namespace AiMemory.Core.Storage.Sql;

/// <summary>The database and the owner that every statement of one owner store binds as <c>@owner</c>.</summary>
internal sealed class OwnerScope(SqlDatabase database, string owner)
{
    public SqlDatabase Database { get; } = database;

    public SqlDialect Dialect => Database.Dialect;

    public string Owner { get; } = owner;

    public SqlQuery Query() => new(Owner);

    public DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        connection.CreateCommand(transaction, sql).With("@owner", Owner);

    public object Time(DateTimeOffset value) => Dialect.ToDbTime(SqlDatabase.Truncate(value));

    public object? Time(DateTimeOffset? value) => value is { } time ? Time(time) : null;

    public Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken) =>
        Database.ReadAsync(work, cancellationToken);

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        Database.WriteAsync(work, cancellationToken);
}
