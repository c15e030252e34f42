using DigitForge.Application.Common;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Tracking;
using DigitForge.Infrastructure.Persistence;

namespace DigitForge.Infrastructure.Artifacts;

/// <summary>
/// Artifacts as files under <c>&lt;data dir&gt;/artifacts/&lt;run id&gt;/&lt;path&gt;</c>. Uploads stream to a temporary
/// file beside the target while hashing and counting, and are renamed into place only when complete and within the
/// limit, so a failed or oversized upload never replaces a good file.
/// </summary>
public sealed class FileSystemArtifactStore(TrackingDatabase database) : IArtifactStore
{
    public string Root { get; } = Path.Combine(database?.DataRoot ?? throw new ArgumentNullException(nameof(database)), "artifacts");

    public async Task<StoredArtifact> SaveAsync(string runId, string path, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        string target = Resolve(runId, path);
        RefuseFileFolderClash(runId, target, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temp = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            StoredArtifact stored;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                stored = await HashingCopy.CopyAsync(content, file, maxBytes, path, cancellationToken);
            }

            File.Move(temp, target, overwrite: true);
            return stored;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Stream? OpenRead(string runId, string path)
    {
        if (!ArtifactLocation.CanExist(runId, path))
        {
            return null;
        }

        string file = Resolve(runId, path);
        return File.Exists(file) ? new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    // A file where the path needs a folder, or a folder where it needs a file (files left without a record, or a race
    // the catalog's check did not see): a conflict, not an IOException from CreateDirectory or Move.
    private void RefuseFileFolderClash(string runId, string target, string path)
    {
        string runFolder = Path.GetFullPath(Path.Combine(Root, runId));
        bool clash = Directory.Exists(target);
        for (string? folder = Path.GetDirectoryName(target); !clash && folder is not null && folder.Length > runFolder.Length; folder = Path.GetDirectoryName(folder))
        {
            clash = File.Exists(folder);
        }

        if (clash)
        {
            throw new TrackingConflictException($"Artifact '{path}' cannot be stored: a file and a folder of the run would have the same name.");
        }
    }

    /// <summary>The file of a checked path; refuses anything that would leave the run's folder (defence in depth).</summary>
    private string Resolve(string runId, string path)
    {
        string runFolder = Path.GetFullPath(Path.Combine(Root, runId)) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(Root, ArtifactLocation.RelativeKey(runId, path)));
        return full.StartsWith(runFolder, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"Artifact path '{path}' leaves the run folder.", nameof(path));
    }
}
