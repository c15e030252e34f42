using Mediator;

namespace DigitForge.Application.Tracking.Artifacts.ListArtifacts;

/// <summary>The artifacts of a run, by path; a <c>prefix</c> lists one folder (e.g. <c>checkpoints/</c>).</summary>
public sealed class ListArtifactsHandler(ITrackingDbContext db) : IRequestHandler<ListArtifactsRequest, IReadOnlyList<ArtifactDto>>
{
    public async ValueTask<IReadOnlyList<ArtifactDto>> Handle(ListArtifactsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, request.Prefix, cancellationToken);
    }

    /// <summary>For the UI's pages, which inject the handler (the request has no rules to check).</summary>
    public async Task<IReadOnlyList<ArtifactDto>> HandleAsync(string runId, string? prefix = null, CancellationToken cancellationToken = default)
    {
        await RunRecords.EnsureRunExistsAsync(db, runId, cancellationToken);
        return await RunRecords.ArtifactsAsync(db, runId, prefix, cancellationToken);
    }
}
