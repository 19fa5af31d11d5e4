using System.Data.Common;

namespace AiMemory.Core.Storage.Sql;

/// <summary>
/// Idempotency keys of creates. A create first claims its key; when another create already holds it, the caller
/// returns that create's record instead of making a duplicate. On PostgreSQL a claim by a transaction still in
/// flight waits for it to finish, so concurrent retries also resolve to one record.
/// </summary>
internal static class Idempotency
{
    /// <summary>Claims a key; returns the id of the record created under it before, or <see langword="null"/> when claimed now.</summary>
    public static async Task<long?> ClaimAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        string kind,
        string key,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        using (var insert = scope.Command(
            connection,
            transaction,
            "INSERT INTO idempotency_keys (owner, kind, key, record_id, created_at) VALUES (@owner, @kind, @key, 0, @now) " +
            "ON CONFLICT (owner, kind, key) DO NOTHING"))
        {
            insert.With("@kind", kind).With("@key", key).With("@now", scope.Time(now));
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return null;
            }
        }

        using var select = scope.Command(
            connection,
            transaction,
            "SELECT record_id FROM idempotency_keys WHERE owner = @owner AND kind = @kind AND key = @key");
        select.With("@kind", kind).With("@key", key);
        return await select.ScalarInt64Async(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the id created under a key claimed by <see cref="ClaimAsync"/>.</summary>
    public static async Task CompleteAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        string kind,
        string key,
        long recordId,
        CancellationToken cancellationToken)
    {
        using var update = scope.Command(
            connection,
            transaction,
            "UPDATE idempotency_keys SET record_id = @id WHERE owner = @owner AND kind = @kind AND key = @key");
        update.With("@id", recordId).With("@kind", kind).With("@key", key);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the keys of a deleted record, so a later create with the same key makes a new record.</summary>
    public static async Task ForgetAsync(
        OwnerScope scope,
        DbConnection connection,
        DbTransaction transaction,
        string kind,
        long recordId,
        CancellationToken cancellationToken)
    {
        using var delete = scope.Command(
            connection,
            transaction,
            "DELETE FROM idempotency_keys WHERE owner = @owner AND kind = @kind AND record_id = @id");
        delete.With("@kind", kind).With("@id", recordId);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
