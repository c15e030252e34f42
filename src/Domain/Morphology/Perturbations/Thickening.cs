using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>Morpho-MNIST <c>Thickening(amount=1.0)</c>: dilation by disk(int(amount * scale * thickness / 2)).</summary>
public sealed record Thickening(double Amount = Thickening.DefaultAmount) : IMorphoPerturbation
{
    public const double DefaultAmount = 1.0;

    public string Name => "thick";

    public bool[] Apply(ImageMorphology morph, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        double thickness = BinaryMorphology.MeanThicknessOrThrow(morph);
        return BinaryMorphology.Dilate(morph, (int)(Amount * morph.Scale * thickness / 2));
    }
}
