using AiMemory.Security.Origins;

namespace AiMemory.Security.Tests.Origins;

public sealed class OriginPolicyTests
{
    private static OriginPolicy CreatePolicy(Action<AiMemorySecurityOptions>? configure = null)
    {
        var options = new AiMemorySecurityOptions();
        configure?.Invoke(options);
        return new OriginPolicy(options);
    }

    private static OriginPolicy ConfiguredPolicy(bool loopbackBound = true) => CreatePolicy(options =>
    {
        options.AllowedOrigins.Add("https://app.example.com");
        options.AllowedOrigins.Add(" http://localhost:8080 ");
        options.AllowedOrigins.Add("https://admin.example.com:8443");
        options.LoopbackBound = loopbackBound;
    });

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("https://APP.example.com")]
    [InlineData("HTTPS://app.example.com")]
    [InlineData("https://app.example.com:443")]
    [InlineData("https://admin.example.com:8443")]
    public void EvaluateOrigin_ListedOrigin_IsAllowedWithCorsHeaders(string origin)
    {
        var decision = ConfiguredPolicy(loopbackBound: false).EvaluateOrigin(origin);

        decision.IsAllowed.ShouldBeTrue();
        decision.HasOrigin.ShouldBeTrue();
        decision.Reason.ShouldBeNull();
        decision.ResponseHeaders.ShouldContain(new KeyValuePair<string, string>("Access-Control-Allow-Origin", origin));
        decision.ResponseHeaders.ShouldContain(new KeyValuePair<string, string>("Vary", "Origin"));
        decision.ResponseHeaders.ShouldNotContain(header => header.Key == "Access-Control-Allow-Credentials");
        decision.PreflightHeaders.ShouldContain(new KeyValuePair<string, string>("Access-Control-Allow-Methods", OriginPolicy.AllowedMethods));
        decision.PreflightHeaders.ShouldContain(new KeyValuePair<string, string>("Access-Control-Allow-Headers", OriginPolicy.AllowedRequestHeaders));
        decision.PreflightHeaders.ShouldContain(new KeyValuePair<string, string>("Vary", "Origin"));
    }

    [Theory]
    [InlineData("https://malicious-site.com")]
    [InlineData("https://app.example.com.evil.com")]
    [InlineData("https://evilapp.example.com")]
    [InlineData("https://app.example.co")]
    [InlineData("http://app.example.com")]
    [InlineData("https://app.example.com:8443")]
    [InlineData("https://admin.example.com")]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("https://user@app.example.com")]
    [InlineData("app.example.com")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("https://app.example.com\r\nX-Injected: 1")]
    public void EvaluateOrigin_OtherOrigin_IsRejectedWithoutCorsHeaders(string origin)
    {
        var decision = ConfiguredPolicy(loopbackBound: false).EvaluateOrigin(origin);

        decision.IsAllowed.ShouldBeFalse();
        decision.Reason.ShouldNotBeNull();
        decision.ResponseHeaders.ShouldBe([new KeyValuePair<string, string>("Vary", "Origin")]);
        decision.PreflightHeaders.ShouldBeEmpty();
    }

    [Fact]
    public void EvaluateOrigin_NoOrigin_IsAllowedWithVaryOnly()
    {
        var decision = ConfiguredPolicy().EvaluateOrigin(null);

        decision.IsAllowed.ShouldBeTrue();
        decision.HasOrigin.ShouldBeFalse();
        decision.ResponseHeaders.ShouldBe([new KeyValuePair<string, string>("Vary", "Origin")]);
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:5173")]
    [InlineData("https://127.0.0.1:3000")]
    [InlineData("http://[::1]:8080")]
    public void EvaluateOrigin_LoopbackOriginOnLoopbackHost_IsAllowed(string origin)
    {
        CreatePolicy().EvaluateOrigin(origin).IsAllowed.ShouldBeTrue();
        CreatePolicy(options => options.LoopbackBound = false).EvaluateOrigin(origin).IsAllowed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("http://localhost.evil.com")]
    [InlineData("http://127.0.0.2")]
    [InlineData("ftp://localhost")]
    public void EvaluateOrigin_LookalikeLoopback_IsRejected(string origin) =>
        CreatePolicy().EvaluateOrigin(origin).IsAllowed.ShouldBeFalse();

    [Fact]
    public void EvaluateOrigin_NullOriginWhenConfigured_IsAllowed()
    {
        var decision = CreatePolicy(options => options.AllowNullOrigin = true).EvaluateOrigin("null");

        decision.IsAllowed.ShouldBeTrue();
        decision.ResponseHeaders.ShouldContain(new KeyValuePair<string, string>("Access-Control-Allow-Origin", "null"));
    }

    [Fact]
    public void EvaluateOrigin_Wildcard_AllowsAnyWithStar()
    {
        var decision = CreatePolicy(options => options.AllowedOrigins.Add("*")).EvaluateOrigin("https://anything.example");

        decision.IsAllowed.ShouldBeTrue();
        decision.ResponseHeaders.ShouldContain(new KeyValuePair<string, string>("Access-Control-Allow-Origin", "*"));
    }

    [Fact]
    public void EvaluateOrigin_CredentialsAllowed_EchoesOriginWithCredentials()
    {
        var decision = CreatePolicy(options =>
        {
            options.AllowedOrigins.Add("https://app.example.com");
            options.AllowCredentials = true;
        }).EvaluateOrigin("https://app.example.com");

        decision.ResponseHeaders.ShouldContain(new KeyValuePair<string, string>("Access-Control-Allow-Credentials", "true"));
        decision.PreflightHeaders.ShouldContain(new KeyValuePair<string, string>("Access-Control-Allow-Credentials", "true"));
    }

    [Theory]
    [InlineData("https://app.example.com/", "ALLOWED_ORIGINS entry 'https://app.example.com/' is invalid: an origin has no path, query, fragment or user name; remove everything after the host and port, including a trailing slash.")]
    [InlineData("app.example.com", "ALLOWED_ORIGINS entry 'app.example.com' is invalid: it has no scheme; write it as scheme://host[:port], for example https://app.example.com.")]
    [InlineData("https://app.example.com:99999", "ALLOWED_ORIGINS entry 'https://app.example.com:99999' is invalid: the host or port is invalid (write international names in their ASCII form, xn--...).")]
    [InlineData("https://*.example.com", "ALLOWED_ORIGINS entry 'https://*.example.com' is invalid: the host or port is invalid (write international names in their ASCII form, xn--...).")]
    [InlineData("", "ALLOWED_ORIGINS contains an empty entry; remove the extra comma.")]
    public void Validate_InvalidOrigin_NamesTheEntry(string entry, string message)
    {
        var options = new AiMemorySecurityOptions();
        options.AllowedOrigins.Add(entry);

        OriginPolicy.Validate(options).ShouldBe([message]);
        Should.Throw<ArgumentException>(() => new OriginPolicy(options)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void Validate_WildcardWithCredentials_IsAnError()
    {
        var options = new AiMemorySecurityOptions { AllowCredentials = true };
        options.AllowedOrigins.Add("*");

        OriginPolicy.Validate(options).ShouldBe(
            ["ALLOWED_ORIGINS contains '*' while credentials are allowed; list the origins explicitly or turn AllowCredentials off."]);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:3000")]
    [InlineData("127.0.0.1:3000")]
    [InlineData("[::1]:3000")]
    [InlineData("LOCALHOST")]
    [InlineData("memory.example.com")]
    [InlineData("memory.example.com.:443")]
    public void EvaluateHost_LoopbackOrConfiguredName_IsAllowed(string host) =>
        CreatePolicy(options => options.AllowedHosts.Add("memory.example.com")).EvaluateHost(host).IsAllowed.ShouldBeTrue();

    [Theory]
    [InlineData("attacker.example", "the host is not a loopback name or in ALLOWED_HOSTS")]
    [InlineData("memory.example.com.attacker.example", "the host is not a loopback name or in ALLOWED_HOSTS")]
    [InlineData("127.0.0.2", "the host is not a loopback name or in ALLOWED_HOSTS")]
    [InlineData("", "the Host header is missing")]
    [InlineData(null, "the Host header is missing")]
    [InlineData("local host", "the Host header is malformed")]
    [InlineData("localhost:abc", "the Host header is malformed")]
    [InlineData("localhost\r\nX: y", "the Host header is malformed")]
    public void EvaluateHost_OtherName_IsRejectedWithReason(string? host, string reason)
    {
        var decision = CreatePolicy(options => options.AllowedHosts.Add("memory.example.com")).EvaluateHost(host);

        decision.IsAllowed.ShouldBeFalse();
        decision.Reason.ShouldBe(reason);
    }

    [Fact]
    public void EvaluateHost_PublicHostWithoutList_AllowsAnyName() =>
        CreatePolicy(options => options.LoopbackBound = false).EvaluateHost("memory.example.com").IsAllowed.ShouldBeTrue();

    [Fact]
    public void EvaluateHost_PublicHostWithList_RestrictsToList()
    {
        var policy = CreatePolicy(options =>
        {
            options.LoopbackBound = false;
            options.AllowedHosts.Add("memory.example.com");
        });

        policy.EvaluateHost("memory.example.com").IsAllowed.ShouldBeTrue();
        policy.EvaluateHost("other.example.com").IsAllowed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("https://memory.example.com")]
    [InlineData("memory.example.com:443")]
    public void Validate_InvalidHost_NamesTheEntry(string entry)
    {
        var options = new AiMemorySecurityOptions();
        options.AllowedHosts.Add(entry);

        OriginPolicy.Validate(options).ShouldBe(
            [$"ALLOWED_HOSTS entry '{entry}' is invalid: write a host name or IP address without scheme or port, such as memory.example.com."]);
    }
}
