using System.Net;
using AiMemory.Security.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.Tests.RateLimiting;

public sealed class ClientAddressResolverTests
{
    private static readonly ClientAddressResolver s_resolver = CreateResolver("10.0.0.0/8", "192.0.2.10");

    private static ClientAddressResolver CreateResolver(params string[] proxies)
    {
        var options = new AiMemorySecurityOptions();
        foreach (var proxy in proxies)
        {
            options.TrustedProxies.Add(proxy);
        }

        return new ClientAddressResolver(Options.Create(options));
    }

    [Theory]
    [InlineData("203.0.113.5", null, "203.0.113.5")]
    [InlineData("203.0.113.5", "198.51.100.1", "203.0.113.5")]
    [InlineData("10.1.2.3", "198.51.100.1", "198.51.100.1")]
    [InlineData("10.1.2.3", "198.51.100.1, 10.9.9.9", "198.51.100.1")]
    [InlineData("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9", "198.51.100.1")]
    [InlineData("192.0.2.10", "198.51.100.1", "198.51.100.1")]
    [InlineData("192.0.2.11", "198.51.100.1", "192.0.2.11")]
    [InlineData("10.1.2.3", "garbage, 198.51.100.1", "198.51.100.1")]
    [InlineData("10.1.2.3", "198.51.100.1, garbage", "10.1.2.3")]
    [InlineData("10.1.2.3", "10.5.5.5, 10.9.9.9", "10.5.5.5")]
    [InlineData("10.1.2.3", "2001:db8::1", "2001:db8::1")]
    [InlineData("::ffff:10.1.2.3", "198.51.100.1", "198.51.100.1")]
    public void Resolve_RemoteAndHeader_ReturnsClient(string remote, string? forwardedFor, string expected) =>
        s_resolver.Resolve(IPAddress.Parse(remote), forwardedFor).ShouldBe(IPAddress.Parse(expected));

    [Fact]
    public void Resolve_NoTrustedProxies_IgnoresHeader() =>
        CreateResolver().Resolve(IPAddress.Parse("10.1.2.3"), "198.51.100.1").ShouldBe(IPAddress.Parse("10.1.2.3"));

    [Fact]
    public void Resolve_NoRemoteAddress_ReturnsNull() => s_resolver.Resolve(null, "198.51.100.1").ShouldBeNull();

    [Fact]
    public void ParseTrustedProxies_InvalidEntry_NamesIt()
    {
        var errors = new List<string>();

        var networks = ClientAddressResolver.ParseTrustedProxies(["10.0.0.0/8", "not-an-address", "::1"], errors);

        networks.Count.ShouldBe(2);
        errors.ShouldBe(["TRUSTED_PROXIES entry 'not-an-address' is invalid: write an IP address or a CIDR network such as 10.0.0.0/8."]);
        Should.Throw<ArgumentException>(() => CreateResolver("nope"));
    }

    [Fact]
    public void ForClient_Addresses_AreCanonical()
    {
        QuotaPartition.ForClient(IPAddress.Parse("::ffff:192.0.2.1")).ShouldBe(QuotaPartition.ForClient(IPAddress.Parse("192.0.2.1")));
        QuotaPartition.ForClient(IPAddress.Parse("2001:db8:1:2:aaaa::1")).Id.ShouldBe("2001:db8:1:2::/64");
        QuotaPartition.ForClient(IPAddress.Parse("2001:db8:1:2:bbbb::9")).ShouldBe(QuotaPartition.ForClient(IPAddress.Parse("2001:db8:1:2::5")));
        QuotaPartition.ForClient(null).Id.ShouldBe("unknown");
        QuotaPartition.ForKey("abc").ToString().ShouldBe("key:abc");
        QuotaPartition.ForClient(IPAddress.Loopback).ToString().ShouldBe("client:127.0.0.1");
    }
}
