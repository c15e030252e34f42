namespace DigitForge.Domain.Morphology.Clusters;

/// <summary>
/// One cluster's random effects: target stroke thickness, swelling strength, number of fractures (ARMED's
/// generate_morpho_mnist.py), and the Gaussian blur sigma and additive noise s.d. its README promised but never wrote.
/// </summary>
public sealed record ClusterParameters(double Thickness, double SwellingStrength, int Fractures, double BlurSigma, double NoiseSd)
{
    public const int Count = 5;

    /// <summary>Names of <see cref="ToArray"/>'s columns.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["thickness", "swelling_strength", "fractures", "blur_sigma", "noise_sd"];

    public double[] ToArray() => [Thickness, SwellingStrength, Fractures, BlurSigma, NoiseSd];
}
