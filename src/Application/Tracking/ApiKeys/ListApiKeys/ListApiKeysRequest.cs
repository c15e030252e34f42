using Mediator;

namespace DigitForge.Application.Tracking.ApiKeys.ListApiKeys;

/// <summary>The stored keys, oldest first; revoked ones only when <paramref name="IncludeRevoked"/>.</summary>
public sealed record ListApiKeysRequest(bool IncludeRevoked = false) : IRequest<IReadOnlyList<ApiKeyDto>>;
