using AiMemory.Testing;

namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>
/// The environment of one stdio server started by a test: its own temporary folder as working directory, home and
/// data folder, with the SQLite file set by configuration, and none of the runner's AiMemory settings inherited.
/// </summary>
internal sealed class ServerEnvironment : IDisposable
{
    private static readonly string[] s_clearedVariables =
    [
        "API_KEY", "DATABASE_URL", "LOG_LEVEL", "LOG_FILE", "AIMEMORY_KEY_SECRET", "PORT", "USE_HTTPS",
        "AiMemory__SqlitePath", "AiMemory__DatabaseUrl", "AiMemory__LogLevel", "AiMemory__LogFile",
    ];

    public ServerEnvironment(TemporaryDirectory? sharedFolder = null)
    {
        _ownedFolder = sharedFolder is null ? new TemporaryDirectory() : null;
        Folder = sharedFolder ?? _ownedFolder!;
        WorkingDirectory = Folder.Combine("work");
        Directory.CreateDirectory(WorkingDirectory);

        foreach (var name in s_clearedVariables)
        {
            Variables[name] = null;
        }

        // The user's real data folder is never touched: the home and data folders point into the temporary folder.
        Variables["HOME"] = Folder.Path;
        Variables["XDG_DATA_HOME"] = Folder.Combine("data");
        Variables["AiMemory__SqlitePath"] = SqlitePath;
        Variables["DOTNET_NOLOGO"] = "1";
    }

    private readonly TemporaryDirectory? _ownedFolder;

    /// <summary>The temporary folder of this environment.</summary>
    public TemporaryDirectory Folder { get; }

    /// <summary>The working directory of the server process, where it looks for <c>.env</c> and <c>appsettings.json</c>.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The SQLite file the server uses.</summary>
    public string SqlitePath => Folder.Combine("aimemory.db");

    /// <summary>Environment variables set for the server; a <see langword="null"/> value removes an inherited one.</summary>
    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>Sets a variable for the server and returns this environment.</summary>
    public ServerEnvironment With(string name, string? value)
    {
        Variables[name] = value;
        return this;
    }

    /// <summary>Writes a <c>.env</c> file into the working directory.</summary>
    public void WriteDotEnv(string contents) => File.WriteAllText(Path.Combine(WorkingDirectory, ".env"), contents);

    /// <inheritdoc/>
    public void Dispose() => _ownedFolder?.Dispose();
}
