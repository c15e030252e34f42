using Mediator;

namespace DigitForge.Application.Tracking.ApiKeys.RevokeApiKey;

/// <summary>
/// Revoke a stored key named by its id, its prefix (<c>dfk_…</c>, as listed) or its name when exactly one active key
/// has that name. Revoking a revoked key changes nothing.
/// </summary>
public sealed record RevokeApiKeyRequest(string Key) : IRequest<ApiKeyDto>;
