using AiMemory.Security;

namespace AiMemory.Security.Tests;

public sealed class AiMemoryScopesTests
{
    [Fact]
    public void ReadWrite_OrdinaryKey_LacksInstructionAndKeyScopes()
    {
        AiMemoryScopes.ReadWrite.ShouldBe([AiMemoryScopes.Read, AiMemoryScopes.Write]);
        AiMemoryScopes.ReadWrite.ShouldNotContain(AiMemoryScopes.WriteInstructions);
        AiMemoryScopes.ReadWrite.ShouldNotContain(AiMemoryScopes.AdministerKeys);
    }

    [Theory]
    [InlineData("memory:read", true)]
    [InlineData("keys:admin", true)]
    [InlineData("MEMORY:READ", false)]
    [InlineData("memory:*", false)]
    public void IsKnown_ComparesExactly(string scope, bool expected) => AiMemoryScopes.IsKnown(scope).ShouldBe(expected);
}
