using AiMemory.Core;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;

namespace AiMemory.Hosting.Http.Tests.Commands;

public sealed class DatabaseAndBackupCommandsTests : IDisposable
{
    private readonly CommandRunner _runner = new();

    [Fact]
    public async Task Migrate_NewSqliteFile_CreatesTheSchema()
    {
        var result = await _runner.RunAsync("db", "migrate");

        result.ShouldSucceed();
        result.Output.ShouldContain("sqlite schema is up to date");
        File.Exists(_runner.DatabasePath).ShouldBeTrue();
    }

    [Fact]
    public async Task RuntimeRole_Print_GrantsRowAccessAndNoSchemaChanges()
    {
        _runner.Settings["DATABASE_URL"] = "postgresql://owner@127.0.0.1:5432/aimemory";

        var result = await _runner.RunAsync("db", "runtime-role", "--name", "aimemory_app");

        result.ShouldSucceed();
        result.Output.ShouldContain("GRANT CONNECT ON DATABASE \"aimemory\" TO \"aimemory_app\";");
        result.Output.ShouldContain("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"public\"");
        result.Output.ShouldContain("GRANT USAGE, SELECT ON ALL SEQUENCES");
        result.Output.ShouldContain("ALTER DEFAULT PRIVILEGES IN SCHEMA \"public\" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES");
        result.Output.ShouldNotContain("CREATE");
        result.Output.ShouldNotContain("DROP");
    }

    [Theory]
    [InlineData("app; DROP TABLE memories", "letters, digits or underscores")]
    [InlineData("", "letters, digits or underscores")]
    public async Task RuntimeRole_UnsafeName_FailsClearly(string role, string expected)
    {
        _runner.Settings["DATABASE_URL"] = "postgresql://owner@127.0.0.1:5432/aimemory";

        var result = await _runner.RunAsync("db", "runtime-role", "--name", role);

        result.ShouldFailClearly(expected);
    }

    [Fact]
    public async Task RuntimeRole_NoPostgreSql_SaysWhatToSet()
    {
        var result = await _runner.RunAsync("db", "runtime-role", "--name", "aimemory_app");

        result.ShouldFailClearly("DATABASE_URL or --owner-url");
    }

    [Fact]
    public async Task ExportThenImport_IntoAnEmptyStore_RestoresOnceWithoutDuplicates()
    {
        await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop");
        await using (var source = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = _runner.DatabasePath }))
        {
            await source.ForOwner("alice").Memories.CreateAsync(new MemoryDraft("Deploy", "Run db migrate first.", Category: "ops"));
        }

        var backupPath = _runner.Combine("backup.json");
        var exported = await _runner.RunAsync("backup", "export", "--out", backupPath);
        exported.ShouldSucceed();
        exported.Output.ShouldContain("Exported 1 owner(s)");

        using var target = new CommandRunner();
        var first = await target.RunAsync("backup", "import", backupPath);
        var second = await target.RunAsync("backup", "import", backupPath, "--owner", "alice");

        first.ShouldSucceed();
        first.Output.ShouldContain("alice: ");
        second.ShouldSucceed();
        second.Output.ShouldContain("alice: 0 created");
        await using var restored = AiMemoryStore.Create(new AiMemoryOptions { SqlitePath = target.DatabasePath });
        var data = await restored.ForOwner("alice").ExportAsync();
        data.Memories.Count.ShouldBe(1);
        data.Memories[0].Content.ShouldBe("Run db migrate first.");
    }

    [Fact]
    public async Task Import_NotABackup_FailsClearlyAndWritesNothing()
    {
        var path = _runner.Combine("broken.json");
        await File.WriteAllTextAsync(path, "{ \"formatVersion\": 99, \"owners\": [] }");

        var result = await _runner.RunAsync("backup", "import", path);

        result.ShouldFailClearly("format version 99");
    }

    [Fact]
    public async Task Import_OwnerNotInTheBackup_FailsClearly()
    {
        var path = _runner.Combine("backup.json");
        (await _runner.RunAsync("backup", "export", "--out", path, "--owner", "alice")).ShouldSucceed();

        var result = await _runner.RunAsync("backup", "import", path, "--owner", "bob");

        result.ShouldFailClearly("owner 'bob'");
    }

    [Fact]
    public async Task Health_SqliteStore_ExitsZero()
    {
        var result = await _runner.RunAsync("health");

        result.ShouldSucceed();
        result.Output.ShouldContain("healthy");
    }

    [Fact]
    public async Task Health_ServerNotListening_ExitsOneWithoutAStackTrace()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await _runner.RunAsync("health", "--url", $"http://127.0.0.1:{port}/health");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("error:");
        result.Error.ShouldContain($"127.0.0.1:{port}");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Health_UrlNotHttp_NamesTheProblem()
    {
        var result = await _runner.RunAsync("health", "--url", "ftp://127.0.0.1/health");

        result.ShouldFailClearly("absolute http or https address");
    }

    public void Dispose() => _runner.Dispose();
}
