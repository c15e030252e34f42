using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>What one perturbation did to one image: the new pixels, or the original ones and why nothing changed.</summary>
public sealed record PerturbationOutcome(byte[] Pixels, string? Failure)
{
    public bool Applied => Failure is null;

    /// <summary>Per-image status code stored in datasets: 0 applied, 1 constant image (no stroke), 2 other reason (no skeleton).</summary>
    public byte StatusCode => Failure is null ? (byte)0 : Failure.Contains("constant", StringComparison.Ordinal) ? (byte)1 : (byte)2;
}

/// <summary>analyse → perturb → downscale, the way every Morpho-MNIST dataset script applies a perturbation.</summary>
public static class MorphoPerturber
{
    public static PerturbationOutcome Perturb(ReadOnlySpan<byte> image, int height, int width, IMorphoPerturbation perturbation, KeyedRandom random, int scale = ImageMorphology.DefaultScale)
    {
        ArgumentNullException.ThrowIfNull(perturbation);
        var morph = ImageMorphology.Analyse(image, height, width, ImageMorphology.DefaultThreshold, scale);
        return Perturb(morph, image, perturbation, random);
    }

    public static PerturbationOutcome Perturb(ImageMorphology morph, ReadOnlySpan<byte> original, IMorphoPerturbation perturbation, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        ArgumentNullException.ThrowIfNull(perturbation);
        try
        {
            return new PerturbationOutcome(morph.Downscale(perturbation.Apply(morph, random)), null);
        }
        catch (MorphologyException ex)
        {
            return new PerturbationOutcome(original.ToArray(), $"{perturbation.Name}: {ex.Message}");
        }
    }
}
