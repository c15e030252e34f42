using Mediator;

namespace DigitForge.Application.Tracking.Artifacts.ListArtifacts;

/// <summary>The artifacts of run <paramref name="RunId"/>, optionally only those under <paramref name="Prefix"/> (e.g. <c>checkpoints/</c>).</summary>
public sealed record ListArtifactsRequest(string RunId, string? Prefix = null) : IRequest<IReadOnlyList<ArtifactDto>>;
