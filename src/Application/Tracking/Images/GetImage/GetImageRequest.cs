using Mediator;

namespace DigitForge.Application.Tracking.Images.GetImage;

/// <summary>The PNG bytes of image <paramref name="ImageId"/> of run <paramref name="RunId"/>.</summary>
public sealed record GetImageRequest(string RunId, long ImageId) : IRequest<byte[]>;
