using System.Globalization;

namespace AiMemory.Security.Origins;

/// <summary>
/// A parsed web origin, <c>scheme://host[:port]</c>, in canonical form: lower case, default port (80 for http,
/// 443 for https) left out, IPv6 hosts in brackets.
/// </summary>
internal readonly record struct WebOrigin(string Scheme, string Host, int? Port)
{
    /// <summary>The canonical text, used for exact comparison.</summary>
    public string Canonical => Port is null ? $"{Scheme}://{Host}" : $"{Scheme}://{Host}:{Port.Value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Whether this is http or https on localhost, 127.0.0.1 or [::1], on any port.</summary>
    public bool IsLoopback => Scheme is "http" or "https" && HostNames.IsLoopbackName(Host);

    /// <summary>Parses an origin strictly. Returns an error description on failure.</summary>
    public static bool TryParse(string text, out WebOrigin origin, out string error)
    {
        origin = default;
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            error = "it has no scheme; write it as scheme://host[:port], for example https://app.example.com";
            return false;
        }

        var scheme = text[..separator].ToLowerInvariant();
        if (!IsScheme(scheme))
        {
            error = $"the scheme '{scheme}' is invalid";
            return false;
        }

        var authority = text[(separator + 3)..];
        if (authority.IndexOfAny(['/', '?', '#', '@', '\\']) >= 0)
        {
            error = "an origin has no path, query, fragment or user name; remove everything after the host and port, including a trailing slash";
            return false;
        }

        if (!HostNames.TrySplitAuthority(authority, out var host, out var port) || host.Length == 0)
        {
            error = "the host or port is invalid (write international names in their ASCII form, xn--...)";
            return false;
        }

        if (port is not null && DefaultPort(scheme) == port)
        {
            port = null;
        }

        origin = new WebOrigin(scheme, host, port);
        error = string.Empty;
        return true;
    }

    private static int? DefaultPort(string scheme) => scheme switch
    {
        "http" => 80,
        "https" => 443,
        _ => null,
    };

    private static bool IsScheme(string scheme)
    {
        if (scheme.Length == 0 || !char.IsAsciiLetterLower(scheme[0]))
        {
            return false;
        }

        foreach (var character in scheme)
        {
            if (!char.IsAsciiLetterLower(character) && !char.IsAsciiDigit(character) && character is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
