using System.Globalization;
using System.Net;

namespace AiMemory.Security.Origins;

/// <summary>Parsing and comparison of host names as they appear in <c>Host</c> and <c>Origin</c> headers.</summary>
internal static class HostNames
{
    /// <summary>Whether <paramref name="host"/> (canonical form) names the loopback interface.</summary>
    public static bool IsLoopbackName(string host) => host is "localhost" or "127.0.0.1" or "[::1]";

    /// <summary>
    /// Splits <c>host[:port]</c> into a canonical host (lower case, without a trailing dot, IPv6 in brackets) and
    /// a port. Rejects characters that no DNS name or IP literal contains.
    /// </summary>
    public static bool TrySplitAuthority(string authority, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        string hostPart;
        string? portPart = null;

        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(authority[1..close], out var address)
                || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            hostPart = "[" + address + "]";
            var rest = authority[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    return false;
                }

                portPart = rest[1..];
            }
        }
        else
        {
            var colon = authority.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                portPart = authority[(colon + 1)..];
                authority = authority[..colon];
            }

            hostPart = authority.ToLowerInvariant();
            if (hostPart.EndsWith('.'))
            {
                hostPart = hostPart[..^1];
            }

            if (!IsDnsNameOrIPv4(hostPart))
            {
                return false;
            }
        }

        if (portPart is not null)
        {
            if (portPart.Length is 0 or > 5 || !portPart.All(char.IsAsciiDigit)
                || !int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is 0 or > 65535)
            {
                return false;
            }

            port = number;
        }

        host = hostPart;
        return true;
    }

    private static bool IsDnsNameOrIPv4(string host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-'))
            {
                return false;
            }

            foreach (var character in label)
            {
                if (!char.IsAsciiLetterLower(character) && !char.IsAsciiDigit(character) && character is not ('-' or '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
