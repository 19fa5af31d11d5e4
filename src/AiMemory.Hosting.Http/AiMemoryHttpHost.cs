using AiMemory.Hosting.Http.Configuration;
using AiMemory.Hosting.Http.Kestrel;
using AiMemory.Hosting.Http.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace AiMemory.Hosting.Http;

/// <summary>
/// The entry points of the AiMemory HTTP(S) server: <see cref="CreateBuilder"/> for a host to compose, and
/// <see cref="RunAsync"/> for the whole program, including the <c>dev-cert</c> command.
/// </summary>
public static class AiMemoryHttpHost
{
    /// <summary>
    /// Loads a <c>.env</c> file from the working directory into the environment (variables already set are kept),
    /// then creates a web application builder with <c>AddAiMemoryHttp()</c> applied.
    /// </summary>
    /// <exception cref="HostStartupException">A setting or a file is invalid; the message names it.</exception>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        EnvironmentFile.Load(Path.Combine(Directory.GetCurrentDirectory(), ".env"));
        var builder = WebApplication.CreateBuilder(args);
        return builder.AddAiMemoryHttp();
    }

    /// <summary>
    /// Runs the program: <c>dev-cert --out DIR</c> writes a development certificate pair; anything else runs the
    /// server until it is stopped. A start-up error is printed to standard error without a stack trace.
    /// </summary>
    /// <returns>The process exit code: 0 on a clean stop, 1 on a start-up or host error, 2 on a usage error.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        if (args.Length > 0 && args[0] == DevCertificateCommand.Name)
        {
            return DevCertificateCommand.Run(args[1..], Console.Out, Console.Error);
        }

        try
        {
            var builder = CreateBuilder(args);
            await using var app = builder.Build();
            app.MapAiMemory();
            await app.RunAsync();
            return 0;
        }
        catch (HostStartupException exception)
        {
            await Console.Error.WriteLineAsync($"aimemory-https: {exception.Message}");
            return 1;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync($"aimemory-https: {string.Join(" ", exception.Failures)}");
            return 1;
        }
        catch (IOException exception) when (HostLogging.IsAddressInUse(exception))
        {
            // Printed as one line without a stack trace: another process uses the port, and the message names the address.
            await Console.Error.WriteLineAsync(
                $"aimemory-https: start-up failed: {exception.Message} Stop the other server on that port, or set PORT to a free one.");
            return 1;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The host has already logged the error with its stack trace; the console gets the message only.
            await Console.Error.WriteLineAsync($"aimemory-https: start-up failed: {exception.Message}");
            return 1;
        }
    }
}
