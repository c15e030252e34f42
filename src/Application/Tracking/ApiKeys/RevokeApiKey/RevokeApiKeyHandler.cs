using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.ApiKeys.RevokeApiKey;

/// <summary>Revokes a stored key: from the next request on it is refused (401), and sign-in cookies made with it end.</summary>
public sealed class RevokeApiKeyHandler(ITrackingDbContext db, TimeProvider clock) : IRequestHandler<RevokeApiKeyRequest, ApiKeyDto>
{
    public async ValueTask<ApiKeyDto> Handle(RevokeApiKeyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = await FindAsync(request.Key.Trim(), cancellationToken);
        key.Revoke(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ApiKeyDto.From(key);
    }

    private async Task<ApiKey> FindAsync(string reference, CancellationToken cancellationToken)
    {
        if (long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            && await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is { } byId)
        {
            return byId;
        }

        if (reference.StartsWith(ApiKeyHasher.KeyPrefix, StringComparison.Ordinal)
            && await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == reference, cancellationToken) is { } byPrefix)
        {
            return byPrefix;
        }

        var named = await db.ApiKeys.Where(k => k.Name == reference && k.RevokedAt == null).OrderBy(k => k.Id).Take(10).ToListAsync(cancellationToken);
        return named.Count switch
        {
            1 => named[0],
            0 => throw new NotFoundException($"No key has the id, prefix or name '{reference}'."),
            _ => throw new RequestValidationException("key",
                $"{named.Count} active keys are named '{reference}' (ids {string.Join(", ", named.Select(k => k.Id))}): name one by its id or prefix."),
        };
    }
}
