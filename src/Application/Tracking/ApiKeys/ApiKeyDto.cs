using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Tracking.ApiKeys;

/// <summary>A stored key as listed: never the key itself, only its prefix.</summary>
public sealed record ApiKeyDto(long Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyDto From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Name, key.Prefix, ScopeNames(key.Scopes), key.CreatedAt, key.RevokedAt);
    }

    internal static string[] ScopeNames(ApiScopes scopes) =>
        ApiScopeRules.Format(scopes).Split(',', StringSplitOptions.RemoveEmptyEntries);
}
