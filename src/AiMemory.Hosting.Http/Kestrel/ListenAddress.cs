using System.Net;

namespace AiMemory.Hosting.Http.Kestrel;

/// <summary>The address the host listens on, parsed from the <c>HOST</c> setting.</summary>
/// <param name="Addresses">The IP addresses to bind.</param>
/// <param name="IsLoopback">Whether every address is a loopback address, reachable only from this machine.</param>
internal sealed record ListenAddress(IReadOnlyList<IPAddress> Addresses, bool IsLoopback)
{
    /// <summary>
    /// Parses an IP address, <c>localhost</c> (both loopback addresses), or <c>*</c>, <c>0.0.0.0</c> and <c>::</c>
    /// (every interface). Throws <see cref="HostStartupException"/> for a host name, because binding needs an address.
    /// </summary>
    public static ListenAddress Parse(string host)
    {
        var trimmed = host.Trim().Trim('[', ']');
        if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress([IPAddress.Loopback, IPAddress.IPv6Loopback], IsLoopback: true);
        }

        if (trimmed is "*" or "+")
        {
            return new ListenAddress([IPAddress.IPv6Any], IsLoopback: false);
        }

        if (!IPAddress.TryParse(trimmed, out var address))
        {
            throw new HostStartupException(
                $"HOST value '{host}' is not an IP address: use 127.0.0.1 (the default), ::1, localhost, " +
                "an address of this machine, or 0.0.0.0 for every interface.");
        }

        return new ListenAddress([address], IPAddress.IsLoopback(address));
    }
}
