using System.Numerics;
using System.Security.Cryptography;

namespace AiMemory.Security.Keys;

/// <summary>
/// The format of managed API keys: <c>aimem_</c>, a 16-character key id, <c>_</c>, a 32-character secret (160 bits
/// from a cryptographic generator) and a 7-character CRC-32C checksum, all in lower-case base32 (RFC 4648 alphabet).
/// The prefix lets secret scanners recognise leaked keys; the checksum lets a mistyped or invented key be rejected
/// without a store lookup.
/// </summary>
/// <example><c>aimem_k7pq2xw3mz4ab5cd_ab3de7fghijklmn2opqrst4uvwxyz567ab3cdef</c> (shape only).</example>
public static class ApiKeyFormat
{
    /// <summary>The prefix every managed key starts with.</summary>
    public const string Prefix = "aimem_";

    /// <summary>The length of the key id.</summary>
    public const int KeyIdLength = 16;

    /// <summary>The length of the secret part (160 bits).</summary>
    public const int SecretLength = 32;

    /// <summary>The length of the checksum.</summary>
    public const int ChecksumLength = 7;

    /// <summary>The length of a whole key.</summary>
    public const int Length = 6 + KeyIdLength + 1 + SecretLength + ChecksumLength;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int KeyIdStart = 6;
    private const int SeparatorIndex = KeyIdStart + KeyIdLength;
    private const int ChecksumStart = Length - ChecksumLength;

    /// <summary>Generates a new key from a cryptographic random generator.</summary>
    /// <param name="keyId">The key id embedded in the key.</param>
    /// <returns>The key text, to be shown once and never stored.</returns>
    public static string Generate(out string keyId)
    {
        Span<byte> random = stackalloc byte[10 + 20];
        RandomNumberGenerator.Fill(random);

        var key = string.Create(Length, random.ToArray(), static (text, bytes) =>
        {
            Prefix.CopyTo(text);
            EncodeBase32(bytes.AsSpan(0, 10), text.Slice(KeyIdStart, KeyIdLength));
            text[SeparatorIndex] = '_';
            EncodeBase32(bytes.AsSpan(10, 20), text.Slice(SeparatorIndex + 1, SecretLength));
            EncodeChecksum(ComputeChecksum(text[..ChecksumStart]), text[ChecksumStart..]);
        });

        keyId = key.Substring(KeyIdStart, KeyIdLength);
        return key;
    }

    /// <summary>Builds a key from a key id and a secret in the base32 alphabet, adding the checksum.</summary>
    internal static string Compose(string keyId, string secret)
    {
        var body = Prefix + keyId + "_" + secret;
        Span<char> checksum = stackalloc char[ChecksumLength];
        EncodeChecksum(ComputeChecksum(body), checksum);
        return body + checksum.ToString();
    }

    /// <summary>Checks the shape and checksum of a presented key, without allocating.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> key)
    {
        if (key.Length != Length || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[SeparatorIndex] != '_')
        {
            return false;
        }

        if (!IsBase32(key[KeyIdStart..SeparatorIndex]) || !IsBase32(key[(SeparatorIndex + 1)..]))
        {
            return false;
        }

        Span<char> expected = stackalloc char[ChecksumLength];
        EncodeChecksum(ComputeChecksum(key[..ChecksumStart]), expected);
        return key[ChecksumStart..].SequenceEqual(expected);
    }

    /// <summary>Returns the key id of a key that <see cref="IsWellFormed"/> accepted.</summary>
    public static ReadOnlySpan<char> GetKeyId(ReadOnlySpan<char> key) => key.Slice(KeyIdStart, KeyIdLength);

    /// <summary>Parses a presented key and returns its key id, or <see langword="false"/> when it is malformed.</summary>
    public static bool TryParse(string? key, out string keyId)
    {
        if (key is null || !IsWellFormed(key))
        {
            keyId = string.Empty;
            return false;
        }

        keyId = key.Substring(KeyIdStart, KeyIdLength);
        return true;
    }

    private static bool IsBase32(ReadOnlySpan<char> text)
    {
        foreach (var character in text)
        {
            if (character is not (>= 'a' and <= 'z' or >= '2' and <= '7'))
            {
                return false;
            }
        }

        return true;
    }

    private static uint ComputeChecksum(ReadOnlySpan<char> text)
    {
        var crc = uint.MaxValue;
        foreach (var character in text)
        {
            crc = BitOperations.Crc32C(crc, (byte)character);
        }

        return ~crc;
    }

    private static void EncodeChecksum(uint checksum, Span<char> destination)
    {
        for (var index = destination.Length - 1; index >= 0; index--)
        {
            destination[index] = Alphabet[(int)(checksum & 31)];
            checksum >>= 5;
        }
    }

    private static void EncodeBase32(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        var buffer = 0;
        var bits = 0;
        var position = 0;
        foreach (var value in bytes)
        {
            buffer = (buffer << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                destination[position++] = Alphabet[(buffer >> bits) & 31];
            }
        }
    }
}
