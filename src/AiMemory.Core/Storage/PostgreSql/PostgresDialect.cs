using AiMemory.Core.Storage.Sql;
using Microsoft.Extensions.Logging;

namespace AiMemory.Core.Storage.PostgreSql;

internal static class PostgresDialect
{
    public static SqlDialect Create(string databaseUrl, ILoggerFactory loggerFactory) => throw new NotSupportedException(databaseUrl + loggerFactory);
}
