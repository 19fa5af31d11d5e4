using System.Data.Common;
using AiMemory.Core;
using AiMemory.Core.Storage;
using AiMemory.Security;
using AiMemory.Security.Keys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiMemory.Hosting.Http.Commands;

/// <summary>What every command shares: settings, writers, and one way to report a failure.</summary>
internal sealed class CommandContext(IConfiguration configuration, TextWriter output, TextWriter error)
{
    public const int Success = 0;

    public const int Failure = 1;

    public IConfiguration Configuration { get; } = configuration;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Builds the store and key services from the settings; <paramref name="databaseUrl"/> replaces DATABASE_URL.</summary>
    public ServiceProvider BuildServices(string? databaseUrl = null, bool? applyMigrations = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiMemory(Configuration, options =>
        {
            if (databaseUrl is not null)
            {
                options.DatabaseUrl = databaseUrl;
            }

            if (applyMigrations is { } apply)
            {
                options.ApplyMigrationsOnStart = apply;
            }
        });
        services.AddAiMemorySecurity(options => AiMemorySecurityConfiguration.Bind(Configuration, options));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public AiMemoryOptions StoreOptions(ServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AiMemoryOptions>>().Value;

    public static ApiKeyAdministration Keys(ServiceProvider services) => services.GetRequiredService<ApiKeyAdministration>();

    public static IAiMemoryStore Store(ServiceProvider services) => services.GetRequiredService<IAiMemoryStore>();

    /// <summary>
    /// Runs a command body and turns the failures an operator can cause or fix into one line on stderr and exit code 1.
    /// </summary>
    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken);
        }
        catch (Exception exception) when (IsOperatorError(exception))
        {
            await Error.WriteLineAsync($"error: {Describe(exception)}");
            return Failure;
        }
    }

    private static bool IsOperatorError(Exception exception) => exception is ArgumentException
        or InvalidOperationException
        or InvalidDataException
        or IOException
        or UnauthorizedAccessException
        or DbException
        or StoreException
        or HttpRequestException
        or TimeoutException
        or System.Security.Cryptography.CryptographicException
        or Microsoft.Extensions.Options.OptionsValidationException;

    private static string Describe(Exception exception)
    {
        var message = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!message.Contains(inner.Message, StringComparison.Ordinal))
            {
                message += " " + inner.Message;
            }
        }

        return message;
    }
}
