using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>Morpho-MNIST <c>Thinning(amount=0.7)</c>: erosion by disk(int(amount * scale * thickness / 2)).</summary>
public sealed record Thinning(double Amount = Thinning.DefaultAmount) : IMorphoPerturbation
{
    public const double DefaultAmount = 0.7;

    public string Name => "thin";

    public bool[] Apply(ImageMorphology morph, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        double thickness = BinaryMorphology.MeanThicknessOrThrow(morph);
        return BinaryMorphology.Erode(morph, (int)(Amount * morph.Scale * thickness / 2));
    }
}
