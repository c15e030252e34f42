using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>
/// The compositional set's Rotate90: scikit-image <c>warp</c> with the inverse map "rotate by pi/2 about
/// (H/2 - 0.5, W/2 - 0.5)", bilinear, zero fill. Output pixel (r, c) reads input (c, H - 1 - r), i.e. a quarter turn
/// counter-clockwise like <c>np.rot90</c>.
/// </summary>
/// <remarks>
/// The reference's coordinates are integers up to ~1e-15 (cos(pi/2) is not 0 in floating point), so its bilinear
/// weights are 1 and ~1e-15; that residue vanishes in the float32 result, so a lookup gives the same values. The
/// reference uses H for the column centre (a quirk that only matters for non-square images): kept, positions falling
/// outside the input are 0.
/// </remarks>
[BuiltInCorruption]
public sealed class Rotate90Corruption : ICorruption
{
    public string Name => "rotate90";

    public string Description => "Rotates the image a quarter turn counter-clockwise about its centre.";

    public int DefaultSeverity => 1;

    public int MaxSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        CorruptionChecks.Severity(severity, MaxSeverity);
        int height = image.Height;
        int width = image.Width;
        int channels = image.Channels;
        var source = image.Pixels;
        var result = image.EmptyLike();
        var target = result.Pixels;
        for (int row = 0; row < height; row++)
        {
            int sourceCol = height - 1 - row;
            if (sourceCol >= width)
            {
                continue;
            }

            for (int col = 0; col < width && col < height; col++)
            {
                int from = ((col * width) + sourceCol) * channels;
                int to = ((row * width) + col) * channels;
                for (int channel = 0; channel < channels; channel++)
                {
                    target[to + channel] = Math.Clamp(source[from + channel], 0f, 255f);
                }
            }
        }

        return result;
    }
}
