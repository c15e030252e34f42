using Mediator;

namespace DigitForge.Application.Tracking.Images.LogImage;

/// <summary>Stores <paramref name="Image"/> (the HTTP body) on run <paramref name="RunId"/> (the route).</summary>
public sealed record RunLogImageRequest(string RunId, LogImageRequest Image) : IRequest<RunImageDto>;
