using AiMemory.Core.Storage;
using AiMemory.Security.Keys;
using AiMemory.Security.RateLimiting;
using AiMemory.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiMemory.Core.Tests.Storage;

public sealed class AiMemoryRegistrationTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AddAiMemory_Resolves_OneStoreBehindEveryInterface()
    {
        var services = new ServiceCollection();
        services.AddAiMemory(options => options.SqlitePath = _folder.Combine("di.db"));
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IAiMemoryStore>();

        store.ShouldBeSameAs(provider.GetRequiredService<AiMemoryStore>());
        provider.GetRequiredService<IApiKeyStore>().ShouldBeSameAs(((AiMemoryStore)store).ApiKeys);
        provider.GetRequiredService<ISharedRateLimitStore>().ShouldBeSameAs(((AiMemoryStore)store).RateLimits);
        provider.GetRequiredService<TimeProvider>().ShouldBeSameAs(TimeProvider.System);
        store.Backend.ShouldBe("sqlite");
    }

    [Fact]
    public void AddAiMemory_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();

        var builder = services.AddAiMemory();
        services.AddAiMemory();

        builder.Services.ShouldBeSameAs(services);
        services.Count(descriptor => descriptor.ServiceType == typeof(IAiMemoryStore)).ShouldBe(1);
        services.Count(descriptor => descriptor.ServiceType == typeof(IApiKeyStore)).ShouldBe(1);
        services.Count(descriptor => descriptor.ServiceType == typeof(IHostedService)).ShouldBe(1);
        services.Count(descriptor => descriptor.ServiceType == typeof(IValidateOptions<AiMemoryOptions>)).ShouldBe(1);
    }

    [Fact]
    public void AddAiMemory_ExistingTimeProvider_IsKept()
    {
        var services = new ServiceCollection();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);

        services.AddAiMemory();

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<TimeProvider>().ShouldBeSameAs(time);
    }

    [Fact]
    public void AddAiMemory_InvalidDatabaseUrl_FailsValidationNamingSetting()
    {
        var services = new ServiceCollection();
        services.AddAiMemory(options => options.DatabaseUrl = "postgresql://user:s3cret@host:notaport/db");
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AiMemoryOptions>>().Value);

        error.Message.ShouldContain("DATABASE_URL is invalid");
        error.Message.ShouldContain("port");
        error.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public void AddAiMemory_NegativeBusyTimeout_FailsValidationNamingSetting()
    {
        var services = new ServiceCollection();
        services.AddAiMemory(options => options.SqliteBusyTimeout = TimeSpan.FromSeconds(-1));
        using var provider = services.BuildServiceProvider();

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AiMemoryOptions>>().Value);

        error.Message.ShouldContain("AiMemory:SqliteBusyTimeout");
    }

    [Fact]
    public async Task AddAiMemory_HostStart_AppliesMigrations()
    {
        var path = _folder.Combine("hosted.db");
        var services = new ServiceCollection();
        services.AddAiMemory(options => options.SqlitePath = path);
        await using var provider = services.BuildServiceProvider();

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        File.Exists(path).ShouldBeTrue();
    }

    [Fact]
    public void Bind_Configuration_ReadsSectionAndFlatDatabaseUrl()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiMemory:SqlitePath"] = "data/memories.db",
            ["AiMemory:ApplyMigrationsOnStart"] = "false",
            ["AiMemory:DatabaseUrl"] = "Host=section",
            ["DATABASE_URL"] = "postgresql://app@db.example/aimemory",
        }).Build();

        var options = new AiMemoryOptions().Bind(configuration);

        options.SqlitePath.ShouldBe("data/memories.db");
        options.ApplyMigrationsOnStart.ShouldBeFalse();
        options.DatabaseUrl.ShouldBe("postgresql://app@db.example/aimemory");
    }

    [Fact]
    public void AddAiMemory_Configuration_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiMemory:SqlitePath"] = _folder.Combine("configured.db"),
        }).Build();
        var services = new ServiceCollection();

        services.AddAiMemory(configuration);

        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<AiMemoryOptions>>().Value.SqlitePath.ShouldBe(_folder.Combine("configured.db"));
    }
}
