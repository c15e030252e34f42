using Mediator;

namespace DigitForge.Application.Tracking.Images.ListImages;

/// <summary>The images of run <paramref name="RunId"/>, optionally only those logged under <paramref name="Key"/>.</summary>
public sealed record ListImagesRequest(string RunId, string? Key = null) : IRequest<IReadOnlyList<RunImageDto>>;
