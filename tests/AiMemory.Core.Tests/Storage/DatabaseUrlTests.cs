using AiMemory.Core.Storage.PostgreSql;
using Npgsql;

namespace AiMemory.Core.Tests.Storage;

public sealed class DatabaseUrlTests
{
    [Theory]
    [InlineData("postgresql://app:secret@db.example.com:6543/memories", "db.example.com", 6543, "memories", "app", "secret")]
    [InlineData("postgres://app:secret@db.example.com/memories", "db.example.com", 5432, "memories", "app", "secret")]
    [InlineData("POSTGRESQL://app@localhost/memories", "localhost", 5432, "memories", "app", null)]
    [InlineData("postgresql://us%40er:p%40ss%3Aw%2Frd%25@host/db", "host", 5432, "db", "us@er", "p@ss:w/rd%")]
    [InlineData("postgresql://app:pw@[::1]:5433/db", "::1", 5433, "db", "app", "pw")]
    [InlineData("postgresql://app:pw@[2001:db8::7]/db", "2001:db8::7", 5432, "db", "app", "pw")]
    [InlineData("postgresql://host/my%20db", "host", 5432, "my db", null, null)]
    [InlineData("  postgresql://host/db  ", "host", 5432, "db", null, null)]
    public void TryParse_UriForm_ReadsEveryPart(string url, string host, int port, string database, string? user, string? password)
    {
        DatabaseUrl.TryParse(url, out var builder, out var error).ShouldBeTrue(error);

        builder.Host.ShouldBe(host);
        builder.Port.ShouldBe(port);
        builder.Database.ShouldBe(database);
        builder.Username.ShouldBe(user);
        builder.Password.ShouldBe(password);
    }

    [Theory]
    [InlineData("sslmode=require", SslMode.Require)]
    [InlineData("sslmode=verify-full", SslMode.VerifyFull)]
    [InlineData("sslmode=verify-ca", SslMode.VerifyCA)]
    [InlineData("sslmode=disable", SslMode.Disable)]
    [InlineData("sslmode=prefer", SslMode.Prefer)]
    public void TryParse_SslMode_MapsToNpgsql(string query, SslMode expected)
    {
        DatabaseUrl.TryParse($"postgresql://u:p@h/db?{query}", out var builder, out var error).ShouldBeTrue(error);

        builder.SslMode.ShouldBe(expected);
    }

    [Fact]
    public void TryParse_LibpqAndNpgsqlParameters_AreApplied()
    {
        var url = "postgresql://u@h/db?connect_timeout=7&application_name=ai%20memory&Maximum%20Pool%20Size=12&target_session_attrs=read-write";

        DatabaseUrl.TryParse(url, out var builder, out var error).ShouldBeTrue(error);

        builder.Timeout.ShouldBe(7);
        builder.ApplicationName.ShouldBe("ai memory");
        builder.MaxPoolSize.ShouldBe(12);
        builder.TargetSessionAttributes.ShouldBe("read-write");
    }

    [Fact]
    public void TryParse_KeywordForm_IsPassedToNpgsql()
    {
        DatabaseUrl.TryParse("Host=db;Port=6000;Database=mem;Username=app;Password=s3cret;SSL Mode=Require", out var builder, out var error)
            .ShouldBeTrue(error);

        builder.Host.ShouldBe("db");
        builder.Port.ShouldBe(6000);
        builder.Database.ShouldBe("mem");
        builder.Password.ShouldBe("s3cret");
        builder.SslMode.ShouldBe(SslMode.Require);
    }

    [Theory]
    [InlineData("postgresql://u:s3cret@host:99999/db", "the port '99999' is not a number from 1 to 65535.")]
    [InlineData("postgresql://u:s3cret@host:abc/db", "the port 'abc' is not a number from 1 to 65535.")]
    [InlineData("postgresql://u:s3cret@/db", "it names no host.")]
    [InlineData("postgresql://u:s3cret@[::1/db", "an IPv6 host is missing its closing ']'.")]
    [InlineData("postgresql://u:s3cret@h/db?sslmode=sometimes", "the query parameter 'sslmode=sometimes' is unknown or has an invalid value.")]
    [InlineData("postgresql://u:s3cret@h/db?nonsense=1", "the query parameter 'nonsense=1' is unknown or has an invalid value.")]
    [InlineData("mysql://u:s3cret@h/db", "it is neither a postgresql:// URI nor an Npgsql connection string (Key=Value;...).")]
    [InlineData("Host=h;Password=s3cret;Bogus=1", "the connection string has an unknown keyword or an invalid value.")]
    [InlineData("Database=db;Password=s3cret", "it names no host.")]
    public void TryParse_Invalid_ExplainsWithoutPassword(string url, string expected)
    {
        DatabaseUrl.TryParse(url, out var builder, out var error).ShouldBeFalse();

        builder.ShouldBeNull();
        error.ShouldBe(expected);
        error.ShouldNotContain("s3cret");
    }

    [Fact]
    public void Parse_Invalid_ThrowsNamingTheSetting()
    {
        var error = Should.Throw<ArgumentException>(() => DatabaseUrl.Parse("postgresql://u:s3cret@h:0/db"));

        error.Message.ShouldStartWith("DATABASE_URL is invalid: the port '0'");
        error.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public void Describe_NeverIncludesPassword()
    {
        var builder = DatabaseUrl.Parse("postgresql://app:s3cret@db.example.com:6543/memories");

        DatabaseUrl.Describe(builder).ShouldBe("db.example.com:6543/memories as app");
    }
}
