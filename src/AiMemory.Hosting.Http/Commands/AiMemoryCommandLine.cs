using System.CommandLine;
using Microsoft.Extensions.Configuration;

namespace AiMemory.Hosting.Http.Commands;

/// <summary>
/// The operator's command line of the AiMemory server: <c>keys</c>, <c>db</c>, <c>backup</c> and <c>health</c>.
/// A host calls <see cref="TryRunAsync(string[])"/> first and starts the server only when it returns <see langword="null"/>.
/// </summary>
public static class AiMemoryCommandLine
{
    private static readonly HashSet<string> CommandNames = new(StringComparer.Ordinal) { "keys", "db", "backup", "health" };

    /// <summary>
    /// Runs the command named by <paramref name="args"/> with settings from the environment
    /// (<c>DATABASE_URL</c>, <c>AiMemory__...</c>) and returns its exit code, or returns <see langword="null"/>
    /// when the arguments name no command, so the server should start.
    /// </summary>
    public static Task<int?> TryRunAsync(string[] args) =>
        TryRunAsync(args, new ConfigurationBuilder().AddEnvironmentVariables().Build(), Console.Out, Console.Error);

    /// <summary>Runs a command as <see cref="TryRunAsync(string[])"/> does, with the given settings and writers.</summary>
    public static async Task<int?> TryRunAsync(
        string[] args,
        IConfiguration configuration,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || !CommandNames.Contains(args[0]))
        {
            return null;
        }

        var context = new CommandContext(configuration, output, error);
        var root = new RootCommand("AiMemory server administration.")
        {
            KeyCommands.Create(context),
            DatabaseCommands.Create(context),
            BackupCommands.Create(context),
            HealthCommand.Create(context),
        };

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return await root.Parse(args).InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
