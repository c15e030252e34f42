using Mediator;

namespace DigitForge.Application.Tracking.Images.ListImages;

/// <summary>The images of a run (optionally one key), by key then step, without their bytes.</summary>
public sealed class ListImagesHandler(ITrackingDbContext db) : IRequestHandler<ListImagesRequest, IReadOnlyList<RunImageDto>>
{
    public async ValueTask<IReadOnlyList<RunImageDto>> Handle(ListImagesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, request.Key, cancellationToken);
    }

    /// <summary>For the UI's pages, which inject the handler (the request has no rules to check).</summary>
    public async Task<IReadOnlyList<RunImageDto>> HandleAsync(string runId, string? key = null, CancellationToken cancellationToken = default)
    {
        await RunRecords.EnsureRunExistsAsync(db, runId, cancellationToken);
        return await RunRecords.ImagesAsync(db, runId, key, cancellationToken);
    }
}
