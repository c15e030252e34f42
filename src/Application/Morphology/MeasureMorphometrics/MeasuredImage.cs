using DigitForge.Domain.Morphology;

namespace DigitForge.Application.Morphology.MeasureMorphometrics;

/// <summary>One grayscale image to measure (0 = background, 255 = ink), named for the output (file name or split).</summary>
public sealed record ImageToMeasure(string Name, int Height, int Width, byte[] Pixels);

/// <summary>One output row: the image's index (row index for datasets), its name and its measurements.</summary>
public sealed record MeasuredImage(int Index, string Name, Morphometrics Morphometrics);
