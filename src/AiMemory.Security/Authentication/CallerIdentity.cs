using System.Security.Claims;

namespace AiMemory.Security.Authentication;

/// <summary>
/// Who is calling: the owner whose data a request reaches, the key that proved it and the scopes it grants.
/// Both hosts produce it (the HTTP host per request, the stdio host once at start-up); tools read it, never a
/// tool argument.
/// </summary>
/// <param name="Owner">The owner id.</param>
/// <param name="KeyId">The managed key id; <c>bootstrap</c> for the <c>API_KEY</c> key; <see langword="null"/> for the local owner of a keyless stdio host.</param>
/// <param name="Scopes">Granted scopes, from <see cref="AiMemoryScopes"/>.</param>
public sealed record CallerIdentity(string Owner, string? KeyId, IReadOnlyList<string> Scopes)
{
    /// <summary>The claim type that carries the owner id.</summary>
    public const string OwnerClaim = "aimemory:owner";

    /// <summary>The claim type that carries the key id.</summary>
    public const string KeyIdClaim = "aimemory:key_id";

    /// <summary>The claim type that carries one scope; a principal has one claim per scope.</summary>
    public const string ScopeClaim = "aimemory:scope";

    /// <summary>The authentication type of principals made by <see cref="ToPrincipal"/>.</summary>
    public const string AuthenticationType = "AiMemoryApiKey";

    /// <summary>Checks whether the identity grants <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    /// <summary>Converts the identity to an authenticated claims principal.</summary>
    public ClaimsPrincipal ToPrincipal()
    {
        var claims = new List<Claim> { new(OwnerClaim, Owner), new(ClaimTypes.NameIdentifier, Owner) };
        if (KeyId is not null)
        {
            claims.Add(new Claim(KeyIdClaim, KeyId));
        }

        claims.AddRange(Scopes.Select(scope => new Claim(ScopeClaim, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType));
    }

    /// <summary>Reads an identity from a principal made by <see cref="ToPrincipal"/>, or returns <see langword="null"/>.</summary>
    public static CallerIdentity? FromPrincipal(ClaimsPrincipal? principal)
    {
        var owner = principal?.FindFirst(OwnerClaim)?.Value;
        if (principal is null || owner is null || principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var scopes = principal.FindAll(ScopeClaim).Select(claim => claim.Value).ToArray();
        return new CallerIdentity(owner, principal.FindFirst(KeyIdClaim)?.Value, scopes);
    }
}
