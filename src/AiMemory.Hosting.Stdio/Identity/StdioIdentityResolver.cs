using AiMemory.Core;
using AiMemory.Core.Storage;
using AiMemory.Security;
using AiMemory.Security.Authentication;
using AiMemory.Security.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiMemory.Hosting.Stdio.Identity;

/// <summary>
/// Decides whose data this stdio process serves. With <c>API_KEY</c> set, the key must authenticate (a managed key
/// of the store, or the bootstrap key) and its owner and scopes apply. Without it, the embedded SQLite store is
/// served as the local owner; a PostgreSQL store is refused, because several people may share it.
/// </summary>
internal sealed class StdioIdentityResolver(IOptions<AiMemoryOptions> storeOptions, IServiceProvider services)
{
    /// <summary>The owner id of a stdio host without <c>API_KEY</c> on the embedded store.</summary>
    public const string LocalOwner = "local";

    /// <summary>The scopes of the local owner: everything except key administration.</summary>
    public static IReadOnlyList<string> LocalScopes { get; } =
        [AiMemoryScopes.Read, AiMemoryScopes.Write, AiMemoryScopes.WriteInstructions];

    /// <summary>Returns the identity for <paramref name="apiKey"/>, the value of <c>API_KEY</c>.</summary>
    /// <exception cref="StdioStartupException">The key is invalid, or a shared store has no key.</exception>
    public async Task<CallerIdentity> ResolveAsync(string? apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            return ResolveWithoutKey();
        }

        // Resolved only now: a keyless embedded store needs neither the authenticator nor an open store at start-up.
        var authenticator = services.GetRequiredService<ApiKeyAuthenticator>();
        ApiKeyAuthenticationResult result;
        try
        {
            result = await authenticator.AuthenticateAsync(apiKey.Trim(), cancellationToken).ConfigureAwait(false);
        }
        catch (StoreException exception)
        {
            throw new StdioStartupException($"API_KEY could not be checked because the store failed: {exception.Message}", exception);
        }

        return result.Identity ?? throw new StdioStartupException(DescribeFailure(result));
    }

    private CallerIdentity ResolveWithoutKey()
    {
        // Decided from the settings, before the PostgreSQL store is opened.
        if (storeOptions.Value.UsesPostgreSql)
        {
            throw new StdioStartupException(
                "API_KEY is not set and DATABASE_URL points at a PostgreSQL store, which several people can share, " +
                "so the server cannot tell whose data to serve. Set API_KEY to a key of this store, or unset " +
                "DATABASE_URL to use your own embedded SQLite store.");
        }

        return new CallerIdentity(LocalOwner, KeyId: null, LocalScopes);
    }

    private static string DescribeFailure(ApiKeyAuthenticationResult result)
    {
        var key = result.KeyId is null ? "API_KEY" : $"API_KEY (key id {result.KeyId})";
        return result.FailureReason switch
        {
            ApiKeyFailureReason.Malformed =>
                $"API_KEY is not a valid AiMemory key: a key starting with '{ApiKeyFormat.Prefix}' must be copied whole, " +
                $"as it was shown when it was created ({ApiKeyFormat.Length} characters).",
            ApiKeyFailureReason.UnknownKey =>
                $"{key} is not a key of this store. Check that DATABASE_URL (or the SQLite file) is the store the key was created in.",
            ApiKeyFailureReason.WrongSecret =>
                $"{key} does not match the stored key: the secret part is wrong. Copy the whole key again.",
            ApiKeyFailureReason.Revoked =>
                $"{key} was revoked. Create a new key and set API_KEY to it.",
            ApiKeyFailureReason.Expired =>
                $"{key} has expired. Create a new key, or extend this one, and set API_KEY to it.",
            _ => $"{key} was rejected ({result.FailureReason}).",
        };
    }
}
