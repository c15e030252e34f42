using Mediator;

namespace DigitForge.Application.Tracking.Artifacts.DownloadArtifact;

/// <summary>Opens artifact <paramref name="Path"/> of run <paramref name="RunId"/> for reading.</summary>
public sealed record DownloadArtifactRequest(string RunId, string? Path) : IRequest<ArtifactDownload>;

/// <summary>A recorded artifact and its open content; the caller disposes <paramref name="Content"/>.</summary>
public sealed record ArtifactDownload(ArtifactDto Artifact, Stream Content);
