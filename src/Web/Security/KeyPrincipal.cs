using System.Globalization;
using System.Security.Claims;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Domain.Tracking;

namespace DigitForge.Web.Security;

/// <summary>The user a key makes: its name, id, scopes and hash (the cookie re-checks the hash on every request).</summary>
public static class KeyPrincipal
{
    public const string ScopeClaim = "digitforge:scope";
    public const string KeyIdClaim = "digitforge:key_id";
    public const string KeyHashClaim = "digitforge:key_hash";

    public static ClaimsPrincipal Create(VerifiedKey key, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, key.Name),
            new(KeyHashClaim, key.Hash),
        };
        if (key.Id is long id)
        {
            claims.Add(new Claim(KeyIdClaim, id.ToString(CultureInfo.InvariantCulture)));
        }

        claims.AddRange(ApiScopeRules.Format(key.Scopes).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>The scopes of the user's authenticated identities (none for an anonymous user).</summary>
    public static ApiScopes ScopesOf(ClaimsPrincipal? user)
    {
        var scopes = ApiScopes.None;
        foreach (var identity in user?.Identities ?? [])
        {
            if (identity.IsAuthenticated)
            {
                foreach (var claim in identity.FindAll(ScopeClaim))
                {
                    scopes |= ApiScopeRules.ParseStored(claim.Value);
                }
            }
        }

        return scopes;
    }

    public static string? HashOf(ClaimsPrincipal? user) => user?.FindFirst(KeyHashClaim)?.Value;
}
