using AiMemory.Security;
using AiMemory.Security.Keys;
using AiMemory.Testing;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>Whose data a stdio server serves: API_KEY, the local owner and the refusals.</summary>
public sealed class IdentityTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ApiKey_UnknownKey_ExitsOne()
    {
        using var environment = new ServerEnvironment().With("API_KEY", ApiKeyFormat.Generate(out var keyId));

        var (exitCode, stderr, stdout) = await RunToExitAsync(environment);

        exitCode.ShouldBe(1);
        stderr.ShouldContain($"aimemory-stdio: API_KEY (key id {keyId}) is not a key of this store.");
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task ApiKey_MangledKey_ExitsOne()
    {
        var key = ApiKeyFormat.Generate(out _);
        using var environment = new ServerEnvironment().With("API_KEY", key[..^1] + (key[^1] == 'a' ? 'b' : 'a'));

        var (exitCode, stderr, _) = await RunToExitAsync(environment);

        exitCode.ShouldBe(1);
        stderr.ShouldContain("aimemory-stdio: API_KEY is not a valid AiMemory key");
        stderr.ShouldNotContain(key[..^1]);
    }

    [Fact]
    public async Task ApiKey_ShortBootstrapKey_ExitsOne()
    {
        using var environment = new ServerEnvironment().With("API_KEY", "too-short");

        var (exitCode, stderr, _) = await RunToExitAsync(environment);

        exitCode.ShouldBe(1);
        stderr.ShouldContain("API_KEY has 9 characters; use at least 16");
    }

    [Fact]
    public async Task ApiKey_RevokedManagedKey_ExitsOne()
    {
        using var environment = new ServerEnvironment();
        await using (var keys = ManagedKeys.Open(environment.SqlitePath))
        {
            var created = await keys.Administration.CreateAsync("alice", "laptop", AiMemoryScopes.ReadWrite);
            await keys.Administration.RevokeAsync(created.Summary.KeyId);
            environment.With("API_KEY", created.Key);
        }

        var (exitCode, stderr, _) = await RunToExitAsync(environment);

        exitCode.ShouldBe(1);
        stderr.ShouldContain("was revoked");
    }

    [Fact]
    public async Task ApiKey_ManagedKey_ServesOwnerScopes()
    {
        using var environment = new ServerEnvironment();
        string readWriteKey;
        string readOnlyKey;
        await using (var keys = ManagedKeys.Open(environment.SqlitePath))
        {
            readWriteKey = (await keys.Administration.CreateAsync("alice", "laptop", AiMemoryScopes.ReadWrite)).Key;
            readOnlyKey = (await keys.Administration.CreateAsync("alice", "viewer", [AiMemoryScopes.Read])).Key;
        }

        await using (var alice = await StdioServer.StartAsync(environment.With("API_KEY", readWriteKey)))
        {
            await alice.Client.CallAsync("store_memory", new() { ["title"] = "alice's note", ["content"] = "only for alice" });
            var instruction = await alice.Client.CallFailingAsync("create_ai_instruction", new() { ["title"] = "t", ["content"] = "c" });
            instruction.ShouldContain("Forbidden");
            alice.StandardError.ShouldContain("owner alice");
        }

        await using (var viewer = await StdioServer.StartAsync(environment.With("API_KEY", readOnlyKey)))
        {
            var listed = await viewer.Client.CallAsync("list_memories", new());
            var write = await viewer.Client.CallFailingAsync("store_memory", new() { ["title"] = "x", ["content"] = "y" });
            listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("title").GetString()).ShouldBe(["alice's note"]);
            write.ShouldContain("Forbidden");
        }

        await using var local = await StdioServer.StartAsync(environment.With("API_KEY", null));
        var localList = await local.Client.CallAsync("list_memories", new());
        localList.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ApiKey_BootstrapKey_ServesDefaultOwner()
    {
        using var environment = new ServerEnvironment().With("API_KEY", "a-bootstrap-key-of-32-characters");

        await using var server = await StdioServer.StartAsync(environment);
        await server.Client.CallAsync("store_memory", new() { ["title"] = "bootstrap", ["content"] = "default owner" });

        server.StandardError.ShouldContain($"owner {AiMemorySecurityDefaults.DefaultOwner}, key bootstrap");
        server.StandardError.ShouldNotContain("a-bootstrap-key-of-32-characters");
    }

    [Fact]
    public async Task NoApiKey_EmbeddedStore_ServesLocalOwner()
    {
        using var environment = new ServerEnvironment();

        await using var server = await StdioServer.StartAsync(environment);
        await server.Client.CallAsync("create_ai_instruction", new() { ["title"] = "t", ["content"] = "local owner may write instructions" });

        server.StandardError.ShouldContain("sqlite store, owner local, key none, scopes memory:read memory:write instructions:write");
        File.Exists(environment.SqlitePath).ShouldBeTrue();
    }

    internal static async Task<(int ExitCode, string Stderr, string Stdout)> RunToExitAsync(ServerEnvironment environment)
    {
        using var server = ServerProcess.Start(environment);
        var stdout = await server.Output.ReadToEndAsync();
        var exitCode = await server.WaitForExitAsync(s_timeout);
        return (exitCode, server.StandardError, stdout);
    }
}

/// <summary>The stdio server on a shared PostgreSQL store.</summary>
public sealed class PostgresIdentityTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task NoApiKey_PostgresStore_RefusesToStart()
    {
        using var environment = new ServerEnvironment().With("DATABASE_URL", database.ConnectionString);

        var (exitCode, stderr, stdout) = await IdentityTests.RunToExitAsync(environment);

        exitCode.ShouldBe(1);
        stderr.ShouldContain("aimemory-stdio: API_KEY is not set and DATABASE_URL points at a PostgreSQL store");
        stderr.ShouldContain("cannot tell whose data to serve");
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task ManagedKey_PostgresStore_ServesKeyOwner()
    {
        string key;
        await using (var keys = ManagedKeys.Open(sqlitePath: null, database.ConnectionString))
        {
            key = (await keys.Administration.CreateAsync("bob", "desktop", AiMemoryScopes.ReadWrite)).Key;
        }

        using var environment = new ServerEnvironment().With("DATABASE_URL", database.ConnectionString).With("API_KEY", key);
        await using var server = await StdioServer.StartAsync(environment);
        var stored = await server.Client.CallAsync("store_memory", new() { ["title"] = "数据库", ["content"] = "PostgreSQL 🐘 round trip" });
        var read = await server.Client.CallAsync("get_memory", new() { ["id"] = stored.GetProperty("item").GetProperty("id").GetInt64() });

        read.GetProperty("item").GetProperty("content").GetString().ShouldBe("PostgreSQL 🐘 round trip");
        server.StandardError.ShouldContain("postgresql store, owner bob");
    }
}
