using AiMemory.Hosting.Stdio.Configuration;
using AiMemory.Testing;
using Microsoft.Extensions.Configuration;

namespace AiMemory.Hosting.Stdio.Tests.Configuration;

public sealed class DotEnvFileTests
{
    [Fact]
    public void AddTo_VariableAlsoInEnvironment_EnvironmentWins()
    {
        using var folder = new TemporaryDirectory();
        var name = "AIMEMORY_TEST_" + Guid.NewGuid().ToString("N");
        var path = folder.Combine(".env");
        File.WriteAllText(path, $"{name}=from-file\n{name}_ONLY_FILE=file-only\nAiMemory__LogLevel=debug\n");
        Environment.SetEnvironmentVariable(name, "from-environment");
        try
        {
            var builder = new ConfigurationBuilder().AddJsonFile(folder.Combine("missing.json"), optional: true).AddEnvironmentVariables();

            var count = DotEnvFile.AddTo(builder, path);
            var configuration = builder.Build();

            count.ShouldBe(3);
            configuration[name].ShouldBe("from-environment");
            configuration[name + "_ONLY_FILE"].ShouldBe("file-only");
            configuration["AiMemory:LogLevel"].ShouldBe("debug");
            Environment.GetEnvironmentVariable(name + "_ONLY_FILE").ShouldBeNull();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void AddTo_MissingFile_AddsNothing()
    {
        using var folder = new TemporaryDirectory();
        var builder = new ConfigurationBuilder();

        DotEnvFile.AddTo(builder, folder.Combine(".env")).ShouldBe(0);
        builder.Sources.ShouldBeEmpty();
    }

    [Fact]
    public void AddTo_QuotedValues_ReadAsText()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine(".env");
        File.WriteAllText(path, "# a comment\nAPI_KEY=abc123 # trailing comment\nDATABASE_URL=\"postgresql://u:p@localhost:5432/db?sslmode=require\"\n");
        var builder = new ConfigurationBuilder();

        DotEnvFile.AddTo(builder, path);
        var configuration = builder.Build();

        configuration["API_KEY"].ShouldBe("abc123");
        configuration["DATABASE_URL"].ShouldBe("postgresql://u:p@localhost:5432/db?sslmode=require");
    }
}
