using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Tracking.ApiKeys;

/// <summary>
/// A key that was presented and accepted: a stored one (<see cref="Id"/> set) or one of the configured
/// <c>DIGITFORGE_API_KEYS</c> (no id; the operator's own, so every scope). <see cref="Hash"/> lets a sign-in
/// cookie check later that the key is still valid without holding the key.
/// </summary>
public sealed record VerifiedKey(long? Id, string Name, ApiScopes Scopes, string Hash)
{
    public const string ConfiguredName = "configured";
}
