using AiMemory.Core.Storage;
using AiMemory.Testing;

namespace AiMemory.Core.Tests.Storage;

/// <summary>The contract suite on a real SQLite file in a temporary folder.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    protected override AiMemoryOptions CreateOptions() => new() { SqlitePath = _folder.Combine("store.db") };

    public void Dispose() => _folder.Dispose();
}
