namespace AiMemory.Hosting.Stdio.Tests.EndToEnd;

/// <summary>
/// Finds the built stdio sample (<c>aimemory-stdio.dll</c>) relative to this test assembly: both live in the same
/// repository and are built with the same configuration and target framework. Setting
/// <see cref="NativeExecutableVariable"/> to a published native executable runs every end-to-end test against it.
/// </summary>
internal static class StdioServerExecutable
{
    /// <summary>The environment variable that names a published executable to test instead of the JIT build.</summary>
    public const string NativeExecutableVariable = "AIMEMORY_STDIO_EXECUTABLE";

    private static readonly Lazy<string> s_assemblyPath = new(FindAssembly);

    /// <summary>The command that starts the server.</summary>
    public static string Command => NativeExecutable ?? DotnetHost;

    /// <summary>The arguments of <see cref="Command"/>.</summary>
    public static IList<string> Arguments => NativeExecutable is null ? [AssemblyPath] : [];

    private static string? NativeExecutable =>
        Environment.GetEnvironmentVariable(NativeExecutableVariable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>The full path of <c>aimemory-stdio.dll</c>.</summary>
    public static string AssemblyPath => s_assemblyPath.Value;

    /// <summary>The <c>dotnet</c> host that runs the tests, which also runs the sample.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    private static string FindAssembly()
    {
        // The test assembly sits in tests/<project>/bin/<configuration>/<framework>/.
        var frameworkFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configurationFolder = frameworkFolder.Parent!;
        var repositoryRoot = configurationFolder.Parent!.Parent!.Parent!.Parent!;
        var path = Path.Combine(
            repositoryRoot.FullName, "samples", "AiMemory.Samples.Stdio", "bin",
            configurationFolder.Name, frameworkFolder.Name, "aimemory-stdio.dll");

        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The stdio sample was not found at {path}. Build the solution (or this test project, which builds it) first.",
                path);
        }

        return path;
    }
}
