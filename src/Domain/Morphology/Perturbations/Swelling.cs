using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>
/// Morpho-MNIST <c>Swelling(strength=3, radius=7)</c>: around a skeleton pixel c chosen uniformly, output pixel p reads
/// the input at c + w (p - c) with w = (|p - c| / R)^(strength - 1) inside R = radius * sqrt(thickness) / 2 * scale
/// and w = 1 outside (nearest-neighbour warp of the binary image).
/// </summary>
public sealed record Swelling(double Strength = Swelling.DefaultStrength, double Radius = Swelling.DefaultRadius) : IMorphoPerturbation
{
    public const double DefaultStrength = 3;
    public const double DefaultRadius = 7;

    public string Name => "swell";

    public bool[] Apply(ImageMorphology morph, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        ArgumentNullException.ThrowIfNull(random);
        double thickness = BinaryMorphology.MeanThicknessOrThrow(morph);
        var (row, col) = SkeletonSampler.Sample(morph.Skeleton, morph.HiresWidth, random);
        double radius = Radius * Math.Sqrt(thickness) / 2 * morph.Scale;
        double exponent = Strength - 1;

        // Only pixels within the radius move (w = 1 elsewhere reads the pixel itself), so the warp is confined to the
        // disk's bounding box and the rest is a copy: the same pixels as a full nearest-neighbour warp.
        int h = morph.HiresHeight, w = morph.HiresWidth;
        var source = morph.BinaryImage;
        var result = (bool[])source.Clone();
        int reach = (int)Math.Ceiling(radius) + 1;
        for (int y = Math.Max(0, row - reach); y <= Math.Min(h - 1, row + reach); y++)
        {
            for (int x = Math.Max(0, col - reach); x <= Math.Min(w - 1, col + reach); x++)
            {
                double ox = x - col, oy = y - row;
                double d = Math.Sqrt((ox * ox) + (oy * oy));
                if (d > radius || d == 0)
                {
                    continue;
                }

                double weight = Math.Pow(d / radius, exponent);
                double sx = col + (weight * ox), sy = row + (weight * oy);
                double fr = Math.Floor(sy + 0.5), fc = Math.Floor(sx + 0.5);
                result[(y * w) + x] = fr >= 0 && fr < h && fc >= 0 && fc < w && source[((int)fr * w) + (int)fc];
            }
        }

        return result;
    }
}
