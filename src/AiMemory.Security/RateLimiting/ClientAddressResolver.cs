using System.Net;
using Microsoft.Extensions.Options;

namespace AiMemory.Security.RateLimiting;

/// <summary>
/// Finds the client address of a request. <c>X-Forwarded-For</c> is honoured only when the connection comes from a
/// trusted proxy; the header is then read from the right, skipping trusted proxies, and the first untrusted address
/// is the client. A client cannot forge its address by sending the header itself, because an untrusted proxy or
/// direct connection ends the walk.
/// </summary>
public sealed class ClientAddressResolver
{
    /// <summary>The most <c>X-Forwarded-For</c> entries examined.</summary>
    public const int MaxForwardedEntries = 32;

    private readonly IReadOnlyList<IPNetwork> _trustedProxies;

    /// <summary>Creates a resolver for the trusted proxies of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A trusted proxy entry is invalid.</exception>
    public ClientAddressResolver(IOptions<AiMemorySecurityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        _trustedProxies = ParseTrustedProxies(options.Value.TrustedProxies, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
    }

    /// <summary>Resolves the client address with the configured trusted proxies.</summary>
    public IPAddress? Resolve(IPAddress? remoteAddress, string? forwardedFor) => Resolve(remoteAddress, forwardedFor, _trustedProxies);

    /// <summary>
    /// Resolves the client address from the connection's remote address, the <c>X-Forwarded-For</c> header (several
    /// header lines joined with commas) and a list of trusted proxy networks.
    /// </summary>
    public static IPAddress? Resolve(IPAddress? remoteAddress, string? forwardedFor, IReadOnlyList<IPNetwork> trustedProxies)
    {
        ArgumentNullException.ThrowIfNull(trustedProxies);
        var client = Normalize(remoteAddress);
        if (client is null || string.IsNullOrWhiteSpace(forwardedFor) || !IsTrusted(client, trustedProxies))
        {
            return client;
        }

        var entries = forwardedFor.Split(',', StringSplitOptions.TrimEntries);
        var examined = 0;
        for (var index = entries.Length - 1; index >= 0 && examined < MaxForwardedEntries; index--, examined++)
        {
            if (!IPAddress.TryParse(entries[index], out var hop))
            {
                // An entry that is not an address was not written by a proxy we trust; stop at the last known hop.
                return client;
            }

            client = Normalize(hop)!;
            if (!IsTrusted(client, trustedProxies))
            {
                return client;
            }
        }

        return client;
    }

    /// <summary>
    /// Parses trusted proxy entries, each an address or a CIDR network such as <c>10.0.0.0/8</c>. Invalid entries are
    /// reported in <paramref name="errors"/>, named by the <c>TRUSTED_PROXIES</c> setting.
    /// </summary>
    public static IReadOnlyList<IPNetwork> ParseTrustedProxies(IEnumerable<string> entries, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(errors);
        var networks = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            var entry = raw?.Trim() ?? string.Empty;
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
            {
                address = Normalize(address)!;
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                errors.Add($"TRUSTED_PROXIES entry '{Logging.LogValue.Escape(entry)}' is invalid: write an IP address or a CIDR network such as 10.0.0.0/8.");
            }
        }

        return networks;
    }

    private static bool IsTrusted(IPAddress address, IReadOnlyList<IPNetwork> trustedProxies)
    {
        foreach (var network in trustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
