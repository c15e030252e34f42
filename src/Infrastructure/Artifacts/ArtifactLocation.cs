using DigitForge.Application.Tracking;
using DigitForge.Domain.Tracking;

namespace DigitForge.Infrastructure.Artifacts;

/// <summary>The one check every artifact store makes before touching storage: a well-formed run id and a normalised relative path.</summary>
internal static class ArtifactLocation
{
    /// <summary>
    /// Whether <paramref name="runId"/> and <paramref name="path"/> can name a stored artifact. Nothing is ever stored under
    /// an ill-formed run id or path, so a read there finds nothing: stores answer "not found" (null), where the exception of
    /// <see cref="RelativeKey"/> was a 500 (a job summary asked for under any id, issue 21).
    /// </summary>
    public static bool CanExist(string runId, string path) =>
        RunIds.IsWellFormed(runId) && ArtifactPath.TryNormalize(path, out _, out _);

    /// <summary>"&lt;run id&gt;/&lt;normalised path&gt;"; throws for anything that is not a run's own artifact path (defence in depth).</summary>
    public static string RelativeKey(string runId, string path)
    {
        if (!RunIds.IsWellFormed(runId) || !ArtifactPath.TryNormalize(path, out string? normalized, out _))
        {
            throw new ArgumentException($"Refusing artifact location {runId}/{path}.", nameof(path));
        }

        return $"{runId}/{normalized}";
    }
}
