namespace DigitForge.Domain.Tracking;

/// <summary>
/// A key created by <c>digitforge keys create</c> (or <c>POST /api/keys</c>). Only its SHA-256 is stored (keys are
/// long random strings, so a fast hash is enough); the prefix lets a person tell keys apart without revealing them.
/// A revoked key stays as a row (it is listed, and its existence keeps the server closed) but is never accepted.
/// </summary>
public sealed class ApiKey(string name, string prefix, string hash, DateTimeOffset createdAt)
{
    public long Id { get; private set; }

    public string Name { get; private set; } = name;

    public string Prefix { get; private set; } = prefix;

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public string Hash { get; private set; } = hash;

    public DateTimeOffset CreatedAt { get; private set; } = TrackingTime.ToMilliseconds(createdAt);

    /// <summary>What the key may do; rows from before scopes existed read as <see cref="ApiScopeRules.LegacyDefault"/>.</summary>
    public ApiScopes Scopes { get; private set; } = ApiScopeRules.LegacyDefault;

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static ApiKey Create(string name, string prefix, string hash, ApiScopes scopes, DateTimeOffset createdAt) =>
        new(name, prefix, hash, createdAt) { Scopes = scopes };

    /// <summary>Revokes the key; revoking it again keeps the first time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= TrackingTime.ToMilliseconds(now);
}
