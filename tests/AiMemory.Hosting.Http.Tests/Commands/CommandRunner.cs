using AiMemory.Hosting.Http.Commands;
using AiMemory.Testing;
using Microsoft.Extensions.Configuration;

namespace AiMemory.Hosting.Http.Tests.Commands;

/// <summary>Runs the command line in-process against a SQLite file of its own, or the database given in its settings.</summary>
internal sealed class CommandRunner : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public CommandRunner()
    {
        Settings["AiMemory:SqlitePath"] = DatabasePath;
    }

    public string DatabasePath => _directory.Combine("aimemory.db");

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    public string Combine(string relativePath) => _directory.Combine(relativePath);

    public async Task<CommandResult> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AiMemoryCommandLine.TryRunAsync(args, configuration, output, error);
        exitCode.ShouldNotBeNull($"'{string.Join(' ', args)}' should name a command.");
        return new CommandResult(exitCode.Value, output.ToString(), error.ToString());
    }

    public void Dispose() => _directory.Dispose();
}

internal sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public void ShouldSucceed() => ExitCode.ShouldBe(0, $"stdout: {Output}\nstderr: {Error}");

    public void ShouldFailClearly(string expectedMessage)
    {
        ExitCode.ShouldBe(1, $"stdout: {Output}\nstderr: {Error}");
        Error.ShouldContain(expectedMessage);
        Error.ShouldNotContain("   at ");
    }
}
