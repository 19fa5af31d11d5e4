using System.Text.RegularExpressions;

namespace AiMemory.Hosting.Http.Tests.Commands;

public sealed partial class KeyCommandsTests : IDisposable
{
    private readonly CommandRunner _runner = new();

    [Theory]
    [InlineData]
    [InlineData("--urls", "https://127.0.0.1:8443")]
    [InlineData("serve")]
    public async Task TryRunAsync_NoCommand_ReturnsNullSoTheServerStarts(params string[] args)
    {
        var exitCode = await AiMemory.Hosting.Http.Commands.AiMemoryCommandLine.TryRunAsync(
            args,
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(),
            TextWriter.Null,
            TextWriter.Null);

        exitCode.ShouldBeNull();
    }

    [Fact]
    public async Task Create_OwnerAndName_PrintsTheKeyOnceAndListNeverShowsIt()
    {
        var created = await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop", "--expires-in-days", "30");
        created.ShouldSucceed();
        var (keyId, key) = ParseCreated(created.Output);

        var listed = await _runner.RunAsync("keys", "list", "--owner", "alice");

        listed.ShouldSucceed();
        listed.Output.ShouldContain(keyId);
        listed.Output.ShouldContain("laptop");
        listed.Output.ShouldContain("active");
        listed.Output.ShouldNotContain(key);
        listed.Output.ShouldNotContain(key[^12..]);
    }

    [Fact]
    public async Task Create_MissingOwner_FailsWithoutWritingAKey()
    {
        var result = await _runner.RunAsync("keys", "create", "--name", "laptop");

        result.ExitCode.ShouldNotBe(0);
        result.Error.ShouldContain("--owner");
        (await _runner.RunAsync("keys", "list")).Output.Trim().Split('\n').Length.ShouldBe(1);
    }

    [Fact]
    public async Task Create_UnknownScope_FailsWithAClearMessage()
    {
        var result = await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop", "--scope", "everything");

        result.ShouldFailClearly("everything");
    }

    [Fact]
    public async Task Create_ExpiryOutOfRange_NamesTheLimit()
    {
        var result = await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop", "--expires-in-days", "0");

        result.ShouldFailClearly("between 1 and 3650");
    }

    [Fact]
    public async Task Revoke_CreatedKey_ListShowsItRevoked()
    {
        var (keyId, _) = ParseCreated((await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop")).Output);

        (await _runner.RunAsync("keys", "revoke", keyId)).ShouldSucceed();

        (await _runner.RunAsync("keys", "list")).Output.ShouldContain("revoked");
    }

    [Fact]
    public async Task Revoke_UnknownKey_FailsClearly()
    {
        var result = await _runner.RunAsync("keys", "revoke", "no-such-key");

        result.ShouldFailClearly("no-such-key");
    }

    [Fact]
    public async Task Rotate_CreatedKey_PrintsANewKeyAndKeepsTheOldOneListed()
    {
        var (oldId, oldKey) = ParseCreated((await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop")).Output);

        var rotated = await _runner.RunAsync("keys", "rotate", oldId, "--grace-hours", "2");

        rotated.ShouldSucceed();
        var (newId, newKey) = ParseCreated(rotated.Output);
        newId.ShouldNotBe(oldId);
        newKey.ShouldNotBe(oldKey);
        var listed = (await _runner.RunAsync("keys", "list", "--owner", "alice")).Output;
        listed.ShouldContain(oldId);
        listed.ShouldContain(newId);
    }

    [Fact]
    public async Task RevokeAll_WithoutYes_RevokesNothing()
    {
        await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop");

        var result = await _runner.RunAsync("keys", "revoke-all", "--owner", "alice");

        result.ShouldFailClearly("--yes");
        (await _runner.RunAsync("keys", "list")).Output.ShouldNotContain("revoked");
    }

    [Fact]
    public async Task RevokeAll_OneOwnerWithYes_RevokesOnlyThatOwnersKeys()
    {
        await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "laptop");
        await _runner.RunAsync("keys", "create", "--owner", "alice", "--name", "phone");
        await _runner.RunAsync("keys", "create", "--owner", "bob", "--name", "laptop");

        var result = await _runner.RunAsync("keys", "revoke-all", "--owner", "alice", "--yes");

        result.ShouldSucceed();
        result.Output.ShouldContain("Revoked 2 key(s).");
        (await _runner.RunAsync("keys", "list", "--owner", "bob")).Output.ShouldContain("active");
    }

    public void Dispose() => _runner.Dispose();

    internal static (string KeyId, string Key) ParseCreated(string output)
    {
        var match = CreatedPattern().Match(output);
        match.Success.ShouldBeTrue($"unexpected output: {output}");
        return (match.Groups["id"].Value, match.Groups["key"].Value);
    }

    [GeneratedRegex(@"Key id: (?<id>\S+)\s+Key:\s+(?<key>\S+)")]
    private static partial Regex CreatedPattern();
}
