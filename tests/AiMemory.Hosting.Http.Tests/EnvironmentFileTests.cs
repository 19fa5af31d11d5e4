using AiMemory.Hosting.Http.Configuration;
using AiMemory.Testing;

namespace AiMemory.Hosting.Http.Tests;

public sealed class EnvironmentFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _prefix = "AIMEMORY_ENV_TEST_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public void Dispose()
    {
        foreach (var suffix in new[] { "_NEW", "_SET" })
        {
            Environment.SetEnvironmentVariable(_prefix + suffix, null);
        }

        _directory.Dispose();
    }

    [Fact]
    public void Load_File_SetsNewVariablesKeepsExisting()
    {
        Environment.SetEnvironmentVariable(_prefix + "_SET", "from-environment");
        var path = _directory.Combine(".env");
        File.WriteAllText(path, $"{_prefix}_NEW=from-file\n{_prefix}_SET=from-file\n");

        var loaded = EnvironmentFile.Load(path);

        Environment.GetEnvironmentVariable(_prefix + "_NEW").ShouldBe("from-file");
        Environment.GetEnvironmentVariable(_prefix + "_SET").ShouldBe("from-environment");
        loaded.ShouldBe([_prefix + "_NEW"]);
    }

    [Fact]
    public void Load_MissingFile_SetsNothing()
    {
        EnvironmentFile.Load(_directory.Combine(".env")).ShouldBeEmpty();
    }
}
