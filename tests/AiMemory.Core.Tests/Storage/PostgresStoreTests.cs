using System.Net;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using AiMemory.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiMemory.Core.Tests.Storage;

/// <summary>Behaviour of the PostgreSQL backend beyond the shared contract: connection strings, outages, migrations.</summary>
public sealed class PostgresStoreTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private NpgsqlConnectionStringBuilder Server => new(database.ConnectionString);

    private string UriFor(string host, int port) =>
        $"postgresql://{Uri.EscapeDataString(Server.Username!)}@{host}:{port}/{Uri.EscapeDataString(Server.Database!)}?sslmode=disable";

    [Fact]
    public async Task Store_UriForm_Connects()
    {
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { DatabaseUrl = UriFor("127.0.0.1", Server.Port) });

        (await store.IsAvailableAsync()).ShouldBeTrue();
        (await store.ForOwner("uri").Memories.CreateAsync(new MemoryDraft("via uri", "text"))).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Store_Ipv6Host_ConnectsThroughBracketedAddress()
    {
        await using var forwarder = new LoopbackForwarder(IPAddress.IPv6Loopback, 0, Server.Port);
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { DatabaseUrl = UriFor("[::1]", forwarder.Port) });

        (await store.IsAvailableAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task Store_DatabaseDown_ThrowsUnavailableThenRecovers()
    {
        var port = LoopbackForwarder.FreePort();
        var url = UriFor("127.0.0.1", port) + "&timeout=3";
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { DatabaseUrl = url });
        var owner = store.ForOwner("outage");

        (await store.IsAvailableAsync()).ShouldBeFalse();
        var error = await Should.ThrowAsync<StoreUnavailableException>(() => owner.Memories.CreateAsync(new MemoryDraft("t", "c")));
        error.Message.ShouldBe("Storage unavailable: the database did not respond. Try again shortly.");
        await Should.ThrowAsync<StoreUnavailableException>(() => owner.Memories.ListAsync(new MemoryQuery(), new PageRequest()));
        await Should.ThrowAsync<StoreUnavailableException>(() => store.ApiKeys.FindAsync("key"));

        await using var forwarder = new LoopbackForwarder(IPAddress.Loopback, port, Server.Port);

        (await store.IsAvailableAsync()).ShouldBeTrue();
        (await owner.Memories.CreateAsync(new MemoryDraft("t", "c"))).Version.ShouldBe(1);
    }

    [Fact]
    public async Task Store_PasswordInUrl_NeverLogged()
    {
        const string password = "pa:ss@w/rd%secret";
        var url = $"postgresql://{Server.Username}:{Uri.EscapeDataString(password)}@127.0.0.1:{LoopbackForwarder.FreePort()}/{Server.Database}?timeout=3";
        var logs = new RecordingLoggerProvider();
        using (var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)))
        {
            await using var store = AiMemoryStore.Create(new AiMemoryOptions { DatabaseUrl = url }, factory);
            await Should.ThrowAsync<StoreUnavailableException>(() => store.ForOwner("o").Memories.CreateAsync(new MemoryDraft("t", "c")));
        }

        logs.Messages.ShouldNotBeEmpty();
        logs.Messages.ShouldContain(message => message.Contains("127.0.0.1", StringComparison.Ordinal));
        logs.Messages.ShouldAllBe(message => !message.Contains("secret", StringComparison.Ordinal));
        logs.Messages.ShouldAllBe(message => !message.Contains("pa:ss", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrate_ConcurrentStores_ApplyEachVersionOnce()
    {
        var fresh = new PostgresTestDatabase();
        await fresh.InitializeAsync();
        try
        {
            var stores = Enumerable.Range(0, 4).Select(_ => AiMemoryStore.Create(new AiMemoryOptions { DatabaseUrl = fresh.ConnectionString })).ToList();
            await Task.WhenAll(stores.Select(store => store.MigrateAsync()));
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            await using var connection = new NpgsqlConnection(fresh.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            reader.GetInt64(0).ShouldBe(reader.GetInt64(1));
            reader.GetInt64(0).ShouldBeGreaterThanOrEqualTo(1);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    [Fact]
    public async Task Store_MigrationsOff_RunsWithoutDdlRights()
    {
        var runtimeRole = "aimemory_runtime_" + Guid.NewGuid().ToString("N")[..8];
        await using (var setup = AiMemoryStore.Create(new AiMemoryOptions { DatabaseUrl = database.ConnectionString }))
        {
            await setup.MigrateAsync();
        }

        await using (var admin = new NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync();
            var grants = $"CREATE ROLE {runtimeRole} LOGIN; " +
                $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {runtimeRole}; " +
                $"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {runtimeRole}; " +
                $"REVOKE CREATE ON SCHEMA public FROM PUBLIC;";
            await using var command = new NpgsqlCommand(grants, admin);
            await command.ExecuteNonQueryAsync();
        }

        var runtime = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = runtimeRole }.ConnectionString;
        await using var store = AiMemoryStore.Create(new AiMemoryOptions { DatabaseUrl = runtime, ApplyMigrationsOnStart = false });

        var memory = await store.ForOwner("runtime").Memories.CreateAsync(new MemoryDraft("runtime role", "no DDL needed", Tags: ["t"]));

        memory.Version.ShouldBe(1);
        await Should.ThrowAsync<PostgresException>(() => store.MigrateAsync());
    }
}

/// <summary>Keeps every formatted log message, so tests can check what was logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (provider._messages)
            {
                provider._messages.Add(formatter(state, exception) + " " + exception);
            }
        }
    }
}
