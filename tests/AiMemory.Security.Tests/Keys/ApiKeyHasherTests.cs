using System.Security.Cryptography;
using System.Text;
using AiMemory.Security.Keys;

namespace AiMemory.Security.Tests.Keys;

public sealed class ApiKeyHasherTests
{
    [Fact]
    public void ComputeHash_WithoutSecret_IsSha256OfKey()
    {
        var hasher = new ApiKeyHasher(null);

        hasher.Algorithm.ShouldBe("SHA-256");
        hasher.ComputeHash("aimem_key").ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes("aimem_key")));
    }

    [Fact]
    public void ComputeHash_WithSecret_IsHmacSha256OfKey()
    {
        var secret = new string('s', 40);
        var hasher = new ApiKeyHasher(secret);

        hasher.Algorithm.ShouldBe("HMAC-SHA256");
        hasher.ComputeHash("aimem_key").ShouldBe(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("aimem_key")));
    }

    [Fact]
    public void ComputeHash_DifferentSecrets_Differ() =>
        new ApiKeyHasher("first secret of at least thirty-two chars").ComputeHash("k")
            .ShouldNotBe(new ApiKeyHasher("other secret of at least thirty-two chars").ComputeHash("k"));

    [Fact]
    public void Verify_MatchingAndOtherKey_ComparesHashes()
    {
        var hasher = new ApiKeyHasher(null);
        var hash = hasher.ComputeHash("right");

        hasher.Verify("right", hash).ShouldBeTrue();
        hasher.Verify("wrong", hash).ShouldBeFalse();
        hasher.Verify("right", hash.AsSpan(0, 31)).ShouldBeFalse();
    }

    [Fact]
    public void ComputeHash_LongInput_UsesPooledBuffer()
    {
        var hasher = new ApiKeyHasher(null);
        var longKey = new string('x', 5000);

        hasher.ComputeHash(longKey).ShouldBe(SHA256.HashData(Encoding.UTF8.GetBytes(longKey)));
    }

    [Fact]
    public async Task Verify_ManyThreadsWithSecret_StaysCorrect()
    {
        var hasher = new ApiKeyHasher(new string('s', 40));
        var keys = Enumerable.Range(0, 64).Select(index => $"key-{index}").ToArray();
        var hashes = keys.Select(hasher.ComputeHash).ToArray();
        var failures = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var round = 0; round < 500; round++)
            {
                var index = (worker + round) % keys.Length;
                if (!hasher.Verify(keys[index], hashes[index]) || hasher.Verify(keys[index], hashes[(index + 1) % keys.Length]))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));

        failures.ShouldBe(0);
    }
}
