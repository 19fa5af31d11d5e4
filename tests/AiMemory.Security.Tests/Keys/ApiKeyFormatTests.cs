using AiMemory.Security.Keys;

namespace AiMemory.Security.Tests.Keys;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void Generate_NewKey_HasPrefixLengthAndKeyId()
    {
        var key = ApiKeyFormat.Generate(out var keyId);

        key.ShouldStartWith("aimem_");
        key.Length.ShouldBe(ApiKeyFormat.Length);
        keyId.Length.ShouldBe(16);
        key.Substring(6, 16).ShouldBe(keyId);
        key[22].ShouldBe('_');
        ApiKeyFormat.IsWellFormed(key).ShouldBeTrue();
    }

    [Fact]
    public void Generate_ManyKeys_AreAllDistinct()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeyFormat.Generate(out var keyId) + " " + keyId).ToArray();

        keys.Distinct().Count().ShouldBe(1000);
        keys.Select(key => key[..22]).Distinct().Count().ShouldBe(1000);
        keys.Select(key => key.Substring(23, 32)).Distinct().Count().ShouldBe(1000);
    }

    [Fact]
    public void Generate_Secret_CarriesAtLeast128Bits()
    {
        // 32 base32 characters carry 5 bits each.
        (ApiKeyFormat.SecretLength * 5).ShouldBeGreaterThanOrEqualTo(128);
    }

    [Fact]
    public void IsWellFormed_AnySingleCharacterChanged_IsFalse()
    {
        var key = ApiKeyFormat.Generate(out _);

        for (var index = 0; index < key.Length; index++)
        {
            var replacement = key[index] == 'a' ? 'b' : 'a';
            var changed = key[..index] + replacement + key[(index + 1)..];
            ApiKeyFormat.IsWellFormed(changed).ShouldBeFalse($"changed at {index}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("aimem_")]
    [InlineData("not-a-key")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void IsWellFormed_OtherStrings_IsFalse(string text) => ApiKeyFormat.IsWellFormed(text).ShouldBeFalse();

    [Fact]
    public void IsWellFormed_UpperCaseOrNonAsciiOrLonger_IsFalse()
    {
        var key = ApiKeyFormat.Generate(out _);

        ApiKeyFormat.IsWellFormed(key.ToUpperInvariant()).ShouldBeFalse();
        ApiKeyFormat.IsWellFormed(string.Concat(key.AsSpan(0, key.Length - 1), "\u00e9")).ShouldBeFalse();
        ApiKeyFormat.IsWellFormed(key + "a").ShouldBeFalse();
        ApiKeyFormat.IsWellFormed(key.AsSpan(0, key.Length - 1)).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_WellFormedKey_ReturnsKeyId()
    {
        var key = ApiKeyFormat.Generate(out var keyId);

        ApiKeyFormat.TryParse(key, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(keyId);
        ApiKeyFormat.TryParse(null, out _).ShouldBeFalse();
        ApiKeyFormat.TryParse("aimem_short", out _).ShouldBeFalse();
    }
}
