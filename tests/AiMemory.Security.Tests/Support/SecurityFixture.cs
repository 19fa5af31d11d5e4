using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMemory.Security.Tests.Support;

/// <summary>The key services wired as the container wires them, over an in-memory store, fake time and a recording logger.</summary>
internal sealed class SecurityFixture : IDisposable
{
    public SecurityFixture(Action<AiMemorySecurityOptions>? configure = null, bool withStore = true, LogLevel minimumLevel = LogLevel.Trace)
    {
        var options = new AiMemorySecurityOptions();
        configure?.Invoke(options);
        Options = options;

        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder =>
            builder.SetMinimumLevel(minimumLevel).AddProvider(Logs));
        Hasher = new ApiKeyHasher(options.KeyHashSecret);
        Cache = new VerifiedApiKeyCache(Microsoft.Extensions.Options.Options.Create(options), Time);
        Authenticator = new ApiKeyAuthenticator(
            Microsoft.Extensions.Options.Options.Create(options), Hasher, Cache, Time, LoggerFactory.CreateLogger<ApiKeyAuthenticator>(),
            withStore ? Store : null);
        Administration = new ApiKeyAdministration(
            Store, Hasher, Cache, Time, Microsoft.Extensions.Options.Options.Create(options), LoggerFactory.CreateLogger<ApiKeyAdministration>());
    }

    public AiMemorySecurityOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public RecordingLoggerProvider Logs { get; } = new();

    public ILoggerFactory LoggerFactory { get; }

    public InMemoryApiKeyStore Store { get; } = new();

    public ApiKeyHasher Hasher { get; }

    public VerifiedApiKeyCache Cache { get; }

    public ApiKeyAuthenticator Authenticator { get; }

    public ApiKeyAdministration Administration { get; }

    public Task<CreatedApiKey> CreateKeyAsync(string owner = "alice", IEnumerable<string>? scopes = null, DateTimeOffset? expiresAt = null) =>
        Administration.CreateAsync(owner, "laptop", scopes ?? AiMemoryScopes.ReadWrite, expiresAt);

    public void Dispose() => LoggerFactory.Dispose();
}
