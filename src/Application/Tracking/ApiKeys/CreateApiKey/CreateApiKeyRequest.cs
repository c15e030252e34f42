using Mediator;

namespace DigitForge.Application.Tracking.ApiKeys.CreateApiKey;

/// <summary>
/// Create a key named <paramref name="Name"/> (default <c>default</c>) with <paramref name="Scopes"/> (names:
/// read, write, admin; default read and write, what every key could do before scopes).
/// </summary>
public sealed record CreateApiKeyRequest(string? Name = null, IReadOnlyList<string>? Scopes = null) : IRequest<CreatedApiKey>;

/// <summary>A key as created: <paramref name="Key"/> is shown this once and never stored.</summary>
public sealed record CreatedApiKey(long Id, string Name, string Key, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);
