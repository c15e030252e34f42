using Mediator;

namespace DigitForge.Application.Tracking.Artifacts.UploadArtifact;

/// <summary>Stores <paramref name="Content"/> as artifact <paramref name="Path"/> of run <paramref name="RunId"/>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Path">Relative artifact path.</param>
/// <param name="Content">The bytes, read once.</param>
/// <param name="DeclaredLength">Content-Length when known (checked against the size limit before reading).</param>
public sealed record RunUploadArtifactRequest(string RunId, string? Path, Stream Content, long? DeclaredLength) : IRequest<ArtifactDto>;
