using System.Data.Common;
using AiMemory.Security.Keys;

namespace AiMemory.Core.Storage.Sql;

/// <summary>API key records in the store's database. Scopes are stored space-separated.</summary>
internal sealed class SqlApiKeyStore(SqlDatabase database) : IApiKeyStore
{
    private const string Columns = "key_id, owner, name, scopes, hash, created_at, last_used_at, expires_at, revoked_at";

    private SqlDialect Dialect => database.Dialect;

    public Task CreateAsync(ApiKeyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.KeyId);
        StoreValidation.Owner(record.Owner);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                using var command = connection.CreateCommand(
                    transaction,
                    $"INSERT INTO api_keys ({Columns}) VALUES (@id, @owner, @name, @scopes, @hash, @created, @used, @expires, @revoked) " +
                    "ON CONFLICT (key_id) DO NOTHING");
                command.With("@id", record.KeyId).With("@owner", record.Owner).With("@name", record.Name)
                    .With("@scopes", string.Join(' ', record.Scopes)).With("@hash", record.Hash)
                    .With("@created", Time(record.CreatedAt)).With("@used", Time(record.LastUsedAt))
                    .With("@expires", Time(record.ExpiresAt)).With("@revoked", Time(record.RevokedAt));
                if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new InvalidOperationException($"An API key with id {record.KeyId} already exists.");
                }

                return true;
            },
            cancellationToken);
    }

    public async Task<ApiKeyRecord?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var records = await QueryAsync($"SELECT {Columns} FROM api_keys WHERE key_id = @id", "@id", keyId, cancellationToken).ConfigureAwait(false);
        return records.Count == 0 ? null : records[0];
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? owner = null, CancellationToken cancellationToken = default) =>
        owner is null
            ? await QueryAsync($"SELECT {Columns} FROM api_keys ORDER BY created_at, key_id", null, null, cancellationToken).ConfigureAwait(false)
            : await QueryAsync($"SELECT {Columns} FROM api_keys WHERE owner = @owner ORDER BY created_at, key_id", "@owner", owner, cancellationToken).ConfigureAwait(false);

    public async Task<bool> RevokeAsync(string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            "UPDATE api_keys SET revoked_at = @time WHERE key_id = @id AND revoked_at IS NULL",
            revokedAt,
            "@id",
            keyId,
            cancellationToken).ConfigureAwait(false) > 0;

    public Task<int> RevokeAllAsync(string? owner, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) =>
        owner is null
            ? ExecuteAsync("UPDATE api_keys SET revoked_at = @time WHERE revoked_at IS NULL", revokedAt, null, null, cancellationToken)
            : ExecuteAsync("UPDATE api_keys SET revoked_at = @time WHERE owner = @owner AND revoked_at IS NULL", revokedAt, "@owner", owner, cancellationToken);

    public async Task<bool> SetExpiryAsync(string keyId, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE api_keys SET expires_at = @time WHERE key_id = @id", expiresAt, "@id", keyId, cancellationToken).ConfigureAwait(false) > 0;

    public Task TouchLastUsedAsync(string keyId, DateTimeOffset usedAt, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE api_keys SET last_used_at = @time WHERE key_id = @id AND (last_used_at IS NULL OR last_used_at < @time)",
            usedAt,
            "@id",
            keyId,
            cancellationToken);

    private object? Time(DateTimeOffset? value) => value is { } time ? Dialect.ToDbTime(SqlDatabase.Truncate(time)) : null;

    private Task<int> ExecuteAsync(string sql, DateTimeOffset? time, string? name, string? value, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                using var command = connection.CreateCommand(transaction, sql).With("@time", Time(time));
                if (name is not null)
                {
                    command.With(name, value);
                }

                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private Task<List<ApiKeyRecord>> QueryAsync(string sql, string? name, string? value, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                using var command = connection.CreateCommand(null, sql);
                if (name is not null)
                {
                    command.With(name, value);
                }

                var records = new List<ApiKeyRecord>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    records.Add(Read(reader));
                }

                return records;
            },
            cancellationToken);

    private ApiKeyRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        (byte[])reader.GetValue(4),
        Dialect.ReadTime(reader, 5),
        reader.IsDBNull(6) ? null : Dialect.ReadTime(reader, 6),
        reader.IsDBNull(7) ? null : Dialect.ReadTime(reader, 7),
        reader.IsDBNull(8) ? null : Dialect.ReadTime(reader, 8));
}
