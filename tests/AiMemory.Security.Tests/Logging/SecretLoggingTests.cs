using System.Net;
using System.Security.Cryptography;
using System.Text;
using AiMemory.Security.Keys;
using AiMemory.Security.Logging;
using AiMemory.Security.Origins;
using AiMemory.Security.RateLimiting;
using AiMemory.Security.Sanitization;
using AiMemory.Security.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.Tests.Logging;

public sealed class SecretLoggingTests
{
    private const string BootstrapCanary = "CANARYbootstrap0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task EveryKeyPath_LogsNeitherKeyNorHash()
    {
        using var fixture = new SecurityFixture(options =>
        {
            options.BootstrapApiKey = BootstrapCanary;
            options.RateLimitMaxRequests = 1;
        });
        var created = await fixture.CreateKeyAsync("alice");
        var canary = created.Key;
        var keyId = created.Summary.KeyId;
        var wrongSecret = ApiKeyFormat.Compose(keyId, new string('z', ApiKeyFormat.SecretLength));
        var limiter = new InProcessRateLimiter(
            Microsoft.Extensions.Options.Options.Create(fixture.Options), fixture.Time, fixture.LoggerFactory.CreateLogger<InProcessRateLimiter>());

        // Successes: managed key, cached managed key, bootstrap key.
        (await fixture.Authenticator.AuthenticateAsync(canary)).Succeeded.ShouldBeTrue();
        (await fixture.Authenticator.AuthenticateAsync(canary)).Succeeded.ShouldBeTrue();
        (await fixture.Authenticator.AuthenticateAsync(BootstrapCanary)).Succeeded.ShouldBeTrue();

        // Refusals: malformed variants, wrong secret, unknown, rate limited, revoked, expired.
        await fixture.Authenticator.AuthenticateAsync(canary + "x");
        await fixture.Authenticator.AuthenticateAsync(BootstrapCanary + "x");
        await fixture.Authenticator.AuthenticateAsync(canary.ToUpperInvariant());
        await fixture.Authenticator.AuthenticateAsync(wrongSecret);
        await fixture.Authenticator.AuthenticateAsync(ApiKeyFormat.Generate(out _));
        limiter.Acquire(QuotaPartition.ForKey(keyId));
        limiter.Acquire(QuotaPartition.ForKey(keyId)).IsAllowed.ShouldBeFalse();
        fixture.Store.TouchFailure = new InvalidOperationException("storage unavailable");
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        (await fixture.Authenticator.AuthenticateAsync(canary)).Succeeded.ShouldBeTrue();
        var rotated = await fixture.Administration.RotateAsync(keyId, TimeSpan.FromMinutes(1));
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        await fixture.Authenticator.AuthenticateAsync(canary);
        await fixture.Administration.ListAsync();
        await fixture.Administration.RevokeAsync(rotated.Summary.KeyId);
        await fixture.Authenticator.AuthenticateAsync(rotated.Key);
        await fixture.Administration.RevokeAllAsync(null);

        var text = fixture.Logs.AllText;
        fixture.Logs.Entries.Count.ShouldBeGreaterThan(15);
        text.ShouldContain("Unauthorized");
        text.ShouldContain("Rate limit exceeded");
        text.ShouldContain(keyId);
        foreach (var secret in new[] { canary, rotated.Key, BootstrapCanary, wrongSecret })
        {
            text.ShouldNotContain(secret);
            text.ShouldNotContain(secret[^20..]);
            foreach (var hash in Hashes(secret, fixture.Hasher))
            {
                text.ShouldNotContain(hash, Case.Insensitive);
            }
        }

        text.ShouldNotContain("CANARY");
    }

    [Fact]
    public void RequestValues_CannotForgeLogLines()
    {
        var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var policy = new OriginPolicy(new AiMemorySecurityOptions(), factory.CreateLogger<OriginPolicy>());

        policy.EvaluateOrigin("https://evil.example\r\n2026-03-01 INFO Authenticated key admin").IsAllowed.ShouldBeFalse();
        policy.EvaluateHost("evil.example\n\u202Eforged").IsAllowed.ShouldBeFalse();

        logs.Entries.Count.ShouldBe(2);
        logs.Entries.ShouldAllBe(entry => !entry.Message.Contains('\n') && !entry.Message.Contains('\r') && !entry.Message.Contains('\u202E'));
        logs.Entries[0].Message.ShouldBe(
            "Forbidden origin https://evil.example\\u000D\\u000A2026-03-01 INFO Authenticated key admin: the origin is malformed");
        logs.Entries[1].Message.ShouldBe("Forbidden host evil.example\\u000A\\u202Eforged: the Host header is malformed");
    }

    [Fact]
    public void SanitizerLog_RemovalsAndRejection_OmitText()
    {
        var logs = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var logger = factory.CreateLogger("test");

        SanitizerLog.LogRemovals(logger, "content", InputSanitizer.Sanitize("content", "secret\u202Etext", 100));
        SanitizerLog.LogRemovals(logger, "content", InputSanitizer.Sanitize("content", "clean", 100));
        SanitizerLog.LogRejection(logger, Should.Throw<InputRejectedException>(() => InputSanitizer.Sanitize("title", "secret text", 3)));

        logs.Entries.Select(entry => entry.Message).ShouldBe([
            "Sanitised field content: removed 1 bidi control character",
            "Rejected field title: 'title' is too long: 11 characters after Unicode normalisation; the maximum is 3.",
        ]);
        logs.Entries.Select(entry => entry.EventId.Id).ShouldBe([4001, 4002]);
    }

    [Fact]
    public void LogValue_Escape_CutsLongValues()
    {
        LogValue.Escape(null).ShouldBe("(none)");
        LogValue.Escape("plain").ShouldBe("plain");
        LogValue.Escape(new string('a', 500)).ShouldBe(new string('a', 200) + "...");
        LogValue.Escape("a\u2028b\u0085c").ShouldBe("a\\u2028b\\u0085c");
    }

    private static IEnumerable<string> Hashes(string key, ApiKeyHasher hasher)
    {
        foreach (var hash in new[] { hasher.ComputeHash(key), SHA256.HashData(Encoding.UTF8.GetBytes(key)) })
        {
            yield return Convert.ToHexString(hash);
            yield return Convert.ToBase64String(hash);
        }
    }
}
