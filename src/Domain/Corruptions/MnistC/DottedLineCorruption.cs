using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>dotted_line</c>: a line from (col 0, r0) to (col W-1, r1), r0 and r1 NumPy <c>randint(0, H-1)</c>
/// (0..26 on MNIST), drawn with <see cref="LineFromPoints"/>, with columns blanked in alternating pairs (0-1 off, 2-3
/// on, 4-5 off, ...), added to x/255 and clipped. The last column is always blank (the helper drops column ceil(c1)).
/// No severities in the reference.
/// </summary>
[BuiltInCorruption]
public sealed class DottedLineCorruption : ICorruption
{
    public string Name => "dotted_line";

    public string Description => "Adds a dotted white line across the image between two random heights.";

    public int DefaultSeverity => 1;

    public int MaxSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, MaxSeverity);
        int r0 = random.NextInt(image.Height - 1);
        int r1 = random.NextInt(image.Height - 1);
        return Apply(image, r0, r1);
    }

    /// <summary>The line between rows <paramref name="r0"/> (left) and <paramref name="r1"/> (right).</summary>
    public static Raster Apply(Raster image, int r0, int r1)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width;
        var line = LineFromPoints.Draw(image.Height, w, 0, r0, w - 1, r1);
        for (int col = 0; col < w; col++)
        {
            if ((col / 2) % 2 == 0)
            {
                for (int row = 0; row < image.Height; row++)
                {
                    line[(row * w) + col] = 0;
                }
            }
        }

        return LineOverlay.Add(image, line);
    }
}
