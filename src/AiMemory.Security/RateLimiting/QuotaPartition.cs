using System.Net;
using System.Net.Sockets;

namespace AiMemory.Security.RateLimiting;

/// <summary>What a quota is counted against.</summary>
public enum QuotaPartitionKind
{
    /// <summary>An authenticated API key: the per-key quota.</summary>
    Key,

    /// <summary>A client address whose request lacked or failed authentication: the stricter unauthenticated quota.</summary>
    Client,
}

/// <summary>One rate-limit counter: an API key, or a client address before authentication.</summary>
/// <param name="Kind">Which quota applies.</param>
/// <param name="Id">The key id, or the client address in canonical text.</param>
public readonly record struct QuotaPartition(QuotaPartitionKind Kind, string Id)
{
    /// <summary>The partition of an authenticated key.</summary>
    public static QuotaPartition ForKey(string keyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        return new QuotaPartition(QuotaPartitionKind.Key, keyId);
    }

    /// <summary>
    /// The partition of a client address. IPv4-mapped IPv6 addresses count as IPv4, and IPv6 addresses are counted
    /// per /64 network, because one client commonly controls a whole /64.
    /// </summary>
    public static QuotaPartition ForClient(IPAddress? address)
    {
        if (address is null)
        {
            return new QuotaPartition(QuotaPartitionKind.Client, "unknown");
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            bytes[8..].Clear();
            return new QuotaPartition(QuotaPartitionKind.Client, new IPAddress(bytes) + "/64");
        }

        return new QuotaPartition(QuotaPartitionKind.Client, address.ToString());
    }

    /// <summary>The partition name used in the shared store and in logs, such as <c>key:abc</c> or <c>client:192.0.2.1</c>.</summary>
    public override string ToString() => Kind == QuotaPartitionKind.Key ? "key:" + Id : "client:" + Id;
}
