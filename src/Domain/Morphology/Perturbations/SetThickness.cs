using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>
/// DeepSCM's <c>SetThickness(t)</c>: dilate (t above the current thickness) or erode by a disk of radius
/// int(scale * |t - thickness| / 2). The reference builds the disk by blurring a 16x disk, whose non-zero footprint is
/// the full square; this port uses the round disk(r) the intervention means (as Thinning/Thickening do).
/// </summary>
public sealed record SetThickness(double Target) : IMorphoPerturbation
{
    public string Name => "set-thickness";

    public bool[] Apply(ImageMorphology morph, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        double delta = Target - BinaryMorphology.MeanThicknessOrThrow(morph);
        int radius = (int)(morph.Scale * Math.Abs(delta) / 2);
        return delta >= 0 ? BinaryMorphology.Dilate(morph, radius) : BinaryMorphology.Erode(morph, radius);
    }
}
