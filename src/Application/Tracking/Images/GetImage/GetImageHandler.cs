using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Images.GetImage;

/// <summary>The PNG bytes of one logged image.</summary>
public sealed class GetImageHandler(ITrackingDbContext db) : IRequestHandler<GetImageRequest, byte[]>
{
    public async ValueTask<byte[]> Handle(GetImageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, request.ImageId, cancellationToken);
    }

    public async Task<byte[]> HandleAsync(string runId, long imageId, CancellationToken cancellationToken = default) =>
        await db.RunImages.AsNoTracking().Where(i => i.RunId == runId && i.Id == imageId).Select(i => i.Png).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException($"Run {runId} has no image {imageId}.");
}
