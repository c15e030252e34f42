using Mediator;

namespace DigitForge.Application.Morphology.MeasureMorphometrics;

/// <summary>
/// Morphometrics of uploaded PNG images, or (when <paramref name="Dataset"/> is given, uploads ignored) of rows
/// [<paramref name="Offset"/>, <paramref name="Offset"/> + <paramref name="Count"/>) of a stored dataset's split
/// (default: its first; the count clipped to the split's end).
/// </summary>
public sealed record MeasureMorphometricsRequest(
    string? Dataset,
    string? Split,
    int Offset,
    int Count,
    IReadOnlyList<UploadedImage> Uploads) : IRequest<IReadOnlyList<MeasuredImage>>;

/// <summary>An uploaded file: its name and bytes (a PNG, to be checked).</summary>
public sealed record UploadedImage(string Name, byte[] Content);
