using AiMemory.Testing;

namespace AiMemory.Core.Tests.Storage;

/// <summary>The contract suite on a real PostgreSQL database, created for this class and dropped afterwards.</summary>
public sealed class PostgresStoreContractTests(PostgresTestDatabase database) : StoreContractTests, IClassFixture<PostgresTestDatabase>
{
    protected override AiMemoryOptions CreateOptions() => new() { DatabaseUrl = database.ConnectionString };
}
