using DigitForge.Application.Common;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Tracking.Artifacts.UploadArtifact;

/// <summary>
/// Stores a file of a run under a safe relative path (no '..', no absolute paths) within the configured size limit,
/// then records its size and SHA-256. Uploading the same path again replaces the file.
/// </summary>
public sealed class UploadArtifactHandler(ITrackingDbContext db, IArtifactStore store, IOptions<TrackingOptions> options, TimeProvider clock) : IRequestHandler<RunUploadArtifactRequest, ArtifactDto>
{
    public async ValueTask<ArtifactDto> Handle(RunUploadArtifactRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, request.Path, request.Content, request.DeclaredLength, cancellationToken);
    }

    public async Task<ArtifactDto> HandleAsync(string runId, string? path, Stream content, long? declaredLength, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        string checkedPath = ArtifactPaths.Check(path);
        long max = options.Value.MaxArtifactBytes;
        if (declaredLength > max)
        {
            throw new PayloadTooLargeException($"Artifacts are limited to {max:N0} bytes (this one is {declaredLength:N0}).");
        }

        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                  ?? throw new NotFoundException($"Run {runId} does not exist.");
        run.EnsureAcceptsData();
        await RefuseFileFolderClashAsync(runId, checkedPath, cancellationToken);

        var stored = await store.SaveAsync(runId, checkedPath, content, max, cancellationToken);
        var now = clock.GetUtcNow();
        var artifact = await db.Artifacts.FirstOrDefaultAsync(a => a.RunId == runId && a.Path == checkedPath, cancellationToken);
        if (artifact is null)
        {
            artifact = new Artifact(runId, checkedPath, stored.Size, stored.Sha256, now);
            db.Artifacts.Add(artifact);
        }
        else
        {
            artifact.Replace(stored.Size, stored.Sha256, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ArtifactDto(runId, artifact.Path, artifact.Size, artifact.Sha256, artifact.CreatedAt);
    }

    // "x" stored and "x/y" uploaded (or the reverse) would need "x" to be both a file and a folder: a 409, not an
    // IOException from the file system. Candidates are the path's ancestors and the paths below it.
    private async Task RefuseFileFolderClashAsync(string runId, string path, CancellationToken cancellationToken)
    {
        var ancestors = new List<string>();
        for (int slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            ancestors.Add(path[..slash]);
        }

        string below = path + "/";
        string? clash = await db.Artifacts.AsNoTracking()
            .Where(a => a.RunId == runId && (ancestors.Contains(a.Path) || a.Path.StartsWith(below)))
            .Select(a => a.Path)
            .FirstOrDefaultAsync(cancellationToken);
        if (clash is not null && ArtifactPath.Clashes(clash, path))
        {
            throw new TrackingConflictException(
                $"Artifact '{path}' cannot be stored: '{clash}' already exists and one of them would have to be a folder and a file at once.");
        }
    }
}
