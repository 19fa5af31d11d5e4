using AiMemory.Hosting.Http.Configuration;
using AiMemory.Hosting.Http.Kestrel;
using Microsoft.Extensions.Configuration;

namespace AiMemory.Hosting.Http.Tests;

public sealed class SettingsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value)))
            .Build();

    [Fact]
    public void Read_Empty_UsesLoopbackPort3000WithoutTls()
    {
        var options = AiMemoryHttpSettings.Read(Configuration());

        options.Port.ShouldBe(3000);
        options.Host.ShouldBe("127.0.0.1");
        options.UseHttps.ShouldBeFalse();
        options.LogLevel.ShouldBe("info");
        options.LogFile.ShouldBeNull();
        options.MaxRequestBodyBytes.ShouldBe(1024 * 1024);
    }

    [Fact]
    public void Read_EnvironmentNames_FillOptions()
    {
        var options = AiMemoryHttpSettings.Read(Configuration(
            ("PORT", "8443"),
            ("HOST", "0.0.0.0"),
            ("USE_HTTPS", "true"),
            ("SSL_KEY_PATH", "/keys/private-key.pem"),
            ("SSL_CERT_PATH", "/keys/certificate.pem"),
            ("LOG_LEVEL", "debug"),
            ("LOG_FILE", "logs/server.log"),
            ("AIMEMORY_ALLOW_INSECURE_BIND", "1")));

        options.Port.ShouldBe(8443);
        options.Host.ShouldBe("0.0.0.0");
        options.UseHttps.ShouldBeTrue();
        options.SslKeyPath.ShouldBe("/keys/private-key.pem");
        options.SslCertPath.ShouldBe("/keys/certificate.pem");
        options.LogLevel.ShouldBe("debug");
        options.LogFile.ShouldBe("logs/server.log");
        options.AllowInsecureBind.ShouldBeTrue();
    }

    [Fact]
    public void Read_EnvironmentNameAndSection_EnvironmentNameWins()
    {
        var options = AiMemoryHttpSettings.Read(Configuration(("PORT", "4000"), ("AiMemory:Port", "5000"), ("AiMemory:LogLevel", "warn")));

        options.Port.ShouldBe(4000);
        options.LogLevel.ShouldBe("warn");
    }

    [Theory]
    [InlineData("PORT", "70000", "PORT value '70000' is invalid: use a number from 1 to 65535.")]
    [InlineData("PORT", "abc", "PORT value 'abc' is invalid: use a number from 1 to 65535.")]
    [InlineData("USE_HTTPS", "maybe", "USE_HTTPS value 'maybe' is invalid: use true or false.")]
    [InlineData("LOG_LEVEL", "loud", "LOG_LEVEL value 'loud' is invalid: use error, warn, info, debug or trace.")]
    [InlineData("AIMEMORY_MAX_BODY_BYTES", "10", "AIMEMORY_MAX_BODY_BYTES value '10' is invalid: use a number of bytes from 1024 to 67108864.")]
    public void Read_InvalidValue_NamesSettingAndFix(string name, string value, string expected)
    {
        var exception = Should.Throw<HostStartupException>(() => AiMemoryHttpSettings.Read(Configuration((name, value))));

        exception.Message.ShouldBe(expected);
    }

    [Fact]
    public void Read_HttpsWithoutKeyPath_NamesSslKeyPath()
    {
        var exception = Should.Throw<HostStartupException>(
            () => AiMemoryHttpSettings.Read(Configuration(("USE_HTTPS", "true"), ("SSL_CERT_PATH", "cert.pem"))));

        exception.Message.ShouldContain("SSL_KEY_PATH is not set");
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("192.168.1.10", false)]
    public void Parse_Address_TellsLoopback(string host, bool loopback)
    {
        ListenAddress.Parse(host).IsLoopback.ShouldBe(loopback);
    }

    [Fact]
    public void Parse_HostName_RejectedWithHint()
    {
        var exception = Should.Throw<HostStartupException>(() => ListenAddress.Parse("example.org"));

        exception.Message.ShouldContain("HOST value 'example.org' is not an IP address");
    }

    [Fact]
    public void Prepare_PublicAddressWithoutTls_Refused()
    {
        var options = new AiMemoryHttpOptions { Host = "0.0.0.0" };

        var exception = Should.Throw<HostStartupException>(() => KestrelSetup.Prepare(options, ListenAddress.Parse(options.Host)));

        exception.Message.ShouldContain("not a loopback address");
        exception.Message.ShouldContain("AIMEMORY_ALLOW_INSECURE_BIND=true");
    }

    [Fact]
    public void Prepare_PublicAddressWithOverride_Allowed()
    {
        var options = new AiMemoryHttpOptions { Host = "0.0.0.0", AllowInsecureBind = true };

        KestrelSetup.Prepare(options, ListenAddress.Parse(options.Host)).ShouldBeNull();
    }

    [Fact]
    public void Prepare_LoopbackWithoutTls_Allowed()
    {
        var options = new AiMemoryHttpOptions();

        KestrelSetup.Prepare(options, ListenAddress.Parse(options.Host)).ShouldBeNull();
    }
}
