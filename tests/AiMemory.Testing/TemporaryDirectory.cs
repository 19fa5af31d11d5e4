namespace AiMemory.Testing;

/// <summary>A folder under the system temporary folder that is deleted with everything in it on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TemporaryDirectory()
    {
        Path = Directory.CreateTempSubdirectory("aimemory-test-").FullName;
    }

    /// <summary>The full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Returns the full path of a file or folder inside this one.</summary>
    public string Combine(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that a test started may still hold a file for a moment; the system cleans temp folders.
        }
    }
}
