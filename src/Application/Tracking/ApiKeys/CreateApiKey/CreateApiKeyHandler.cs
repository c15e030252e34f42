using DigitForge.Domain.Tracking;
using Mediator;

namespace DigitForge.Application.Tracking.ApiKeys.CreateApiKey;

/// <summary>Creates a stored API key and returns it in clear once; only its hash is kept.</summary>
public sealed class CreateApiKeyHandler(ITrackingDbContext db, TimeProvider clock) : IRequestHandler<CreateApiKeyRequest, CreatedApiKey>
{
    public async ValueTask<CreatedApiKey> Handle(CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string label = string.IsNullOrWhiteSpace(request.Name) ? "default" : request.Name.Trim();
        var scopes = ApiScopes.None;
        foreach (string scope in request.Scopes ?? [])
        {
            scopes |= ApiScopeRules.ParseStored(scope); // the validator refused unknown names
        }

        if (scopes == ApiScopes.None)
        {
            scopes = ApiScopeRules.NewKeyDefault;
        }

        string key = ApiKeyHasher.NewKey();
        var stored = ApiKey.Create(label, key[..10], ApiKeyHasher.Hash(key), scopes, clock.GetUtcNow());
        db.ApiKeys.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(stored.Id, label, key, stored.Prefix, ApiKeyDto.ScopeNames(scopes), stored.CreatedAt);
    }
}
