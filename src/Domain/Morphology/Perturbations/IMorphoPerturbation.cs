using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>
/// A Morpho-MNIST perturbation: takes the analysis of an image at scale 4 and returns the perturbed hi-res binary
/// image (the caller downscales it). Throws <see cref="MorphologyException"/> when the image does not allow it.
/// </summary>
public interface IMorphoPerturbation
{
    /// <summary>Short name used in metadata and the CLI, e.g. <c>thin</c>.</summary>
    string Name { get; }

    bool[] Apply(ImageMorphology morph, KeyedRandom random);
}
