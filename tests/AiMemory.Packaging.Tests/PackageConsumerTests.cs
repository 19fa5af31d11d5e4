using System.IO.Compression;
using AiMemory.Testing;

namespace AiMemory.Packaging.Tests;

/// <summary>
/// Packs the four libraries into a temporary folder and builds a consumer project outside the repository that
/// references them as packages only: a missing dependency, a missing file or a path into the repository fails it.
/// </summary>
public sealed class PackageConsumerTests
{
    private static readonly string[] Libraries =
        ["AiMemory.Security", "AiMemory.Core", "AiMemory.Hosting.Http", "AiMemory.Hosting.Stdio"];

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Pack_ConsumerOutsideRepository_RunsEmbeddedSample()
    {
        var repository = FindRepositoryRoot();
        using var workspace = new TemporaryDirectory();
        var feed = Directory.CreateDirectory(workspace.Combine("feed")).FullName;

        // A version that exists nowhere else, so restore can only take these packages from the feed folder.
        var version = $"0.0.0-pack.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid():N}"[..48];
        foreach (var library in Libraries)
        {
            var project = Path.Combine(repository, "src", library, library + ".csproj");
            var pack = await ProcessRunner.RunAsync(
                "dotnet",
                ["pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo"],
                repository,
                CommandTimeout);
            pack.ExitCode.ShouldBe(0, pack.Output);
        }

        foreach (var library in Libraries)
        {
            File.Exists(Path.Combine(feed, $"{library}.{version}.nupkg")).ShouldBeTrue($"{library} package missing");
            File.Exists(Path.Combine(feed, $"{library}.{version}.snupkg")).ShouldBeTrue($"{library} symbol package missing");
        }

        await AssertCoreMetadataAsync(Path.Combine(feed, $"AiMemory.Core.{version}.nupkg"), version, repository);

        var consumer = Directory.CreateDirectory(workspace.Combine("consumer")).FullName;
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), ConsumerProject(version));
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), ConsumerNuGetConfig(feed));
        File.Copy(Path.Combine(repository, "samples", "AiMemory.Samples.Embedded", "Program.cs"), Path.Combine(consumer, "Program.cs"));

        var build = await ProcessRunner.RunAsync("dotnet", ["build", "-c", "Release", "-nologo"], consumer, CommandTimeout);
        build.ExitCode.ShouldBe(0, build.Output);

        var database = workspace.Combine("consumer.db");
        var run = await ProcessRunner.RunAsync(
            "dotnet",
            ["run", "-c", "Release", "--no-build", "--", database],
            consumer,
            CommandTimeout);

        run.ExitCode.ShouldBe(0, run.Output);
        run.Output.ShouldContain("search \"migrations\": 1 found");
        run.Output.ShouldContain("Deployment checklist");
        run.Output.ShouldContain("search \"数据库\": 1 found");
        run.Output.ShouldContain("backend: sqlite");
        File.Exists(database).ShouldBeTrue();
    }

    private static async Task AssertCoreMetadataAsync(string packagePath, string version, string repository)
    {
        using var package = ZipFile.OpenRead(packagePath);
        var entries = package.Entries.Select(entry => entry.FullName).ToList();
        entries.ShouldContain("README.md");
        entries.ShouldContain("lib/net10.0/AiMemory.Core.dll");
        entries.ShouldContain("lib/net10.0/AiMemory.Core.xml");

        using var nuspecReader = new StreamReader(package.GetEntry("AiMemory.Core.nuspec")!.Open());
        var nuspec = await nuspecReader.ReadToEndAsync();
        nuspec.ShouldContain("<license type=\"expression\">MIT</license>");
        nuspec.ShouldContain("<readme>README.md</readme>");
        nuspec.ShouldContain("<dependency id=\"AiMemory.Security\" version=\"" + version + "\"");
        nuspec.ShouldNotContain(repository);
    }

    private static string ConsumerProject(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="AiMemory.Core" Version="{version}" />
            <PackageReference Include="AiMemory.Hosting.Http" Version="{version}" />
            <PackageReference Include="AiMemory.Hosting.Stdio" Version="{version}" />
            <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.15" />
          </ItemGroup>
        </Project>
        """;

    // The feed is added next to the sources the machine already has, for the packages' own dependencies.
    private static string ConsumerNuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="aimemory-local" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AiMemory.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AiMemory.sln was not found above the test assembly's folder.");
    }
}
