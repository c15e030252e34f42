using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Artifacts.DownloadArtifact;

/// <summary>
/// Opens a recorded artifact for reading; 404 when the run has no such artifact or its file is gone. The path's rules
/// (<see cref="ArtifactPaths.Check"/>) are applied here, not by a validator, because checking also normalises it.
/// </summary>
public sealed class DownloadArtifactHandler(ITrackingDbContext db, IArtifactStore store) : IRequestHandler<DownloadArtifactRequest, ArtifactDownload>
{
    public async ValueTask<ArtifactDownload> Handle(DownloadArtifactRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (artifact, content) = await HandleAsync(request.RunId, request.Path, cancellationToken);
        return new ArtifactDownload(artifact, content);
    }

    /// <summary>For the UI and the kinds that read a checkpoint of an earlier run in their own scope.</summary>
    public async Task<(ArtifactDto Artifact, Stream Content)> HandleAsync(string runId, string? path, CancellationToken cancellationToken = default)
    {
        string checkedPath = ArtifactPaths.Check(path);
        var artifact = await db.Artifacts.AsNoTracking().FirstOrDefaultAsync(a => a.RunId == runId && a.Path == checkedPath, cancellationToken)
                       ?? throw new NotFoundException($"Run {runId} has no artifact '{checkedPath}'.");
        var content = store.OpenRead(runId, checkedPath)
                      ?? throw new NotFoundException($"The file of artifact '{checkedPath}' of run {runId} is missing from the artifact store.");
        return (new ArtifactDto(runId, artifact.Path, artifact.Size, artifact.Sha256, artifact.CreatedAt), content);
    }
}
