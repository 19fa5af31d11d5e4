using System.Data.Common;
using System.Globalization;
using System.Text;

namespace AiMemory.Core.Storage.Sql;

/// <summary>SQL text built in steps, with its parameters named <c>@p0</c>, <c>@p1</c>, ... as they are added.</summary>
internal sealed class SqlQuery
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    public SqlQuery(string owner)
    {
        _parameters.Add(new("@owner", owner));
    }

    public StringBuilder Text { get; } = new();

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public string Parameter(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return name;
    }

    /// <summary>Adds one parameter per value and returns the placeholders joined by commas.</summary>
    public string Parameters<T>(IEnumerable<T> values) => string.Join(", ", values.Select(value => Parameter(value)));

    public SqlQuery Append(string sql)
    {
        Text.Append(sql);
        return this;
    }

    public DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand(transaction, Text.ToString());
        foreach (var (name, value) in _parameters)
        {
            command.With(name, value);
        }

        return command;
    }
}

/// <summary>Helpers that keep ADO.NET commands short.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static int GetInt(this DbDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long GetLong(this DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static bool GetBool(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        bool value => value,
        var value => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
    };
}
