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
        return BinaryMorphology.Warp(morph, (x, y) =>
        {
            double ox = x - col, oy = y - row;
            double d = Math.Sqrt((ox * ox) + (oy * oy));
            if (d > radius || d == 0)
            {
                return (x, y);
            }

            double w = Math.Pow(d / radius, exponent);
            return (col + (w * ox), row + (w * oy));
        });
    }
}
