using AiMemory.Testing;
using Npgsql;

namespace AiMemory.Hosting.Http.Tests.Commands;

/// <summary><c>sslmode=require</c> in DATABASE_URL: TLS is used when the server offers it, and the connection is refused otherwise.</summary>
public sealed class DatabaseTlsTests(TlsPostgresServer server) : IClassFixture<TlsPostgresServer>, IDisposable
{
    private readonly CommandRunner _runner = new();

    [Fact]
    public async Task Migrate_SslModeRequireOnTlsServer_ConnectsOverTls()
    {
        _runner.Settings["DATABASE_URL"] = $"postgresql://aimemory@127.0.0.1:{server.Port}/postgres?sslmode=require";

        (await _runner.RunAsync("db", "migrate")).ShouldSucceed();
        (await _runner.RunAsync("health")).ShouldSucceed();
    }

    [Fact]
    public async Task Migrate_SslModeDisableOnTlsOnlyServer_FailsClearly()
    {
        _runner.Settings["DATABASE_URL"] = $"postgresql://aimemory@127.0.0.1:{server.Port}/postgres?sslmode=disable";

        var result = await _runner.RunAsync("db", "migrate");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("error:");
        result.Error.ShouldContain("no encryption");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task Migrate_SslModeRequireOnServerWithoutTls_FailsClearly()
    {
        var plain = Environment.GetEnvironmentVariable(PostgresTestDatabase.VariableName);
        plain.ShouldNotBeNullOrWhiteSpace($"{PostgresTestDatabase.VariableName} must name a server without TLS; run scripts/test.sh.");
        var builder = new NpgsqlConnectionStringBuilder(plain);
        _runner.Settings["DATABASE_URL"] = $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/postgres?sslmode=require";

        var result = await _runner.RunAsync("db", "migrate");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("error:");
        result.Error.ShouldContain("SSL", Case.Insensitive);
        result.Error.ShouldNotContain("   at ");
    }

    public void Dispose() => _runner.Dispose();
}
