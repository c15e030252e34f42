using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.ApiKeys.ListApiKeys;

/// <summary>Lists stored keys (configured <c>DIGITFORGE_API_KEYS</c> are the operator's and not listed).</summary>
public sealed class ListApiKeysHandler(ITrackingDbContext db) : IRequestHandler<ListApiKeysRequest, IReadOnlyList<ApiKeyDto>>
{
    public async ValueTask<IReadOnlyList<ApiKeyDto>> Handle(ListApiKeysRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = db.ApiKeys.AsNoTracking();
        if (!request.IncludeRevoked)
        {
            query = query.Where(k => k.RevokedAt == null);
        }

        var keys = await query.OrderBy(k => k.Id).ToListAsync(cancellationToken);
        return keys.Select(ApiKeyDto.From).ToArray();
    }
}
