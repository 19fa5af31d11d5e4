using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;

namespace AiMemory.Core.Storage.PostgreSql;

/// <summary>
/// Reads <c>DATABASE_URL</c>: the URI form <c>postgresql://user:password@host:port/database?sslmode=require</c> (also
/// <c>postgres://</c>, with percent-encoded user and password, bracketed IPv6 hosts and port 5432 by default) or the
/// Npgsql keyword form <c>Host=...;Database=...</c>. Error messages never contain the password.
/// </summary>
internal static class DatabaseUrl
{
    private static readonly string[] Schemes = ["postgresql://", "postgres://"];

    /// <summary>Parses the value, or returns <see langword="false"/> with a message that is safe to log.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out NpgsqlConnectionStringBuilder? builder, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        builder = null;
        var text = value.Trim();
        var scheme = Schemes.FirstOrDefault(candidate => text.StartsWith(candidate, StringComparison.OrdinalIgnoreCase));
        error = scheme is null ? ParseKeywords(text, out builder) : ParseUri(text[scheme.Length..], out builder);
        if (error is null && string.IsNullOrWhiteSpace(builder!.Host))
        {
            error = "it names no host.";
            builder = null;
        }

        return error is null;
    }

    /// <summary>Parses the value. Throws <see cref="ArgumentException"/> with a message that never contains the password.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string value) =>
        TryParse(value, out var builder, out var error)
            ? builder
            : throw new ArgumentException($"{AiMemoryOptions.DatabaseUrlVariable} is invalid: {error}");

    /// <summary>Describes the database for logs: host, port, database and user, without the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database} as {builder.Username}";

    private static string? ParseKeywords(string text, out NpgsqlConnectionStringBuilder? builder)
    {
        builder = null;
        if (!text.Contains('=', StringComparison.Ordinal))
        {
            return "it is neither a postgresql:// URI nor an Npgsql connection string (Key=Value;...).";
        }

        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
            return null;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's message may quote a value, and the value may be the password, so only the kind of error is given.
            return "the connection string has an unknown keyword or an invalid value.";
        }
    }

    private static string? ParseUri(string rest, out NpgsqlConnectionStringBuilder? builder)
    {
        builder = new NpgsqlConnectionStringBuilder();
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        rest = queryStart < 0 ? rest : rest[..queryStart];
        var pathStart = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = pathStart < 0 ? rest : rest[..pathStart];
        var database = pathStart < 0 ? "" : rest[(pathStart + 1)..];

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Decode(colon < 0 ? userInfo : userInfo[..colon]);
            var password = colon < 0 ? null : Decode(userInfo[(colon + 1)..]);
            if (user is null || (colon >= 0 && password is null))
            {
                return "the user or password is not validly percent-encoded.";
            }

            builder.Username = user.Length == 0 ? null : user;
            builder.Password = string.IsNullOrEmpty(password) ? null : password;
        }

        var hostError = ParseHost(authority[(at + 1)..], builder);
        if (hostError is not null)
        {
            builder = null;
            return hostError;
        }

        if (database.Length > 0)
        {
            var decoded = Decode(database);
            if (decoded is null || decoded.Contains('/', StringComparison.Ordinal))
            {
                builder = null;
                return "the database name is not validly percent-encoded or contains '/'.";
            }

            builder.Database = decoded;
        }

        var queryError = ApplyQuery(query, builder);
        if (queryError is not null)
        {
            builder = null;
        }

        return queryError;
    }

    private static string? ParseHost(string hostAndPort, NpgsqlConnectionStringBuilder builder)
    {
        string host;
        string? port = null;
        if (hostAndPort.StartsWith('['))
        {
            var close = hostAndPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return "an IPv6 host is missing its closing ']'.";
            }

            host = hostAndPort[1..close];
            var after = hostAndPort[(close + 1)..];
            if (after.Length > 0)
            {
                if (!after.StartsWith(':'))
                {
                    return "unexpected text after the IPv6 host.";
                }

                port = after[1..];
            }
        }
        else
        {
            var colon = hostAndPort.LastIndexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort[..colon];
            port = colon < 0 ? null : hostAndPort[(colon + 1)..];
        }

        var decodedHost = Decode(host);
        if (string.IsNullOrEmpty(decodedHost))
        {
            return "it names no host.";
        }

        builder.Host = decodedHost;
        if (port is not null)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                return $"the port '{port}' is not a number from 1 to 65535.";
            }

            builder.Port = number;
        }

        return null;
    }

    /// <summary>Applies libpq query parameters (sslmode, connect_timeout, ...) and Npgsql keywords.</summary>
    private static string? ApplyQuery(string query, NpgsqlConnectionStringBuilder builder)
    {
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = Decode(equals < 0 ? "" : pair[(equals + 1)..]);
            if (string.IsNullOrEmpty(name) || value is null)
            {
                return "a query parameter is not validly percent-encoded.";
            }

            var keyword = name.ToLowerInvariant() switch
            {
                "sslmode" => "SSL Mode",
                "connect_timeout" => "Timeout",
                "application_name" => "Application Name",
                "sslrootcert" => "Root Certificate",
                "sslcert" => "SSL Certificate",
                "sslkey" => "SSL Key",
                "sslpassword" => "SSL Password",
                "target_session_attrs" => "Target Session Attributes",
                "options" => "Options",
                "user" => "Username",
                "password" => "Password",
                "dbname" => "Database",
                "host" => "Host",
                "port" => "Port",
                _ => name,
            };
            if (keyword == "SSL Mode")
            {
                value = value.Replace("-", "", StringComparison.Ordinal);
            }

            try
            {
                builder[keyword] = value;
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                return keyword is "Password" or "SSL Password"
                    ? $"the query parameter '{name}' is invalid."
                    : $"the query parameter '{name}={value}' is unknown or has an invalid value.";
            }
        }

        return null;
    }

    private static string? Decode(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
