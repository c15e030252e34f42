namespace DigitForge.Application.Tracking.ApiKeys;

/// <summary>The outcome of checking a key alone: no keys exist (open), a valid key, none given or a wrong (or revoked) one.</summary>
public enum ApiKeyCheck
{
    NotRequired,
    Valid,
    Missing,
    Invalid,
}
