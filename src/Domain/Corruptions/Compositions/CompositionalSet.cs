namespace DigitForge.Domain.Corruptions.Compositions;

/// <summary>
/// The compositional-robustness reference's corruptions (see docs/datasets.md, "Corruptions and compositions"): identity plus six
/// elementals, their class names in the reference (used in its folder names and result keys, e.g. <c>Invert-Swirl</c>)
/// and our snake_case filter names.
/// </summary>
public static class CompositionalSet
{
    /// <summary>The six corruptions compositions are made of, in the reference's order.</summary>
    public static IReadOnlyList<string> Base { get; } = ["contrast", "gaussian_blur", "impulse_noise", "invert", "rotate90", "swirl"];

    /// <summary>The seven elementals: identity, then <see cref="Base"/>; the training sets of the benchmark.</summary>
    public static IReadOnlyList<string> Elementals { get; } = ["identity", .. Base];

    private static readonly Dictionary<string, string> ReferenceNames = new(StringComparer.Ordinal)
    {
        ["identity"] = "Identity",
        ["contrast"] = "Contrast",
        ["gaussian_blur"] = "GaussianBlur",
        ["impulse_noise"] = "ImpulseNoise",
        ["invert"] = "Invert",
        ["rotate90"] = "Rotate90",
        ["swirl"] = "Swirl",
    };

    private static readonly Dictionary<string, string> SnakeNames =
        ReferenceNames.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The reference's class name (<c>GaussianBlur</c>) of a corruption, or the name itself for others.</summary>
    public static string ReferenceName(string name) => ReferenceNames.TryGetValue(name, out var reference) ? reference : name;

    /// <summary>Our name for a reference class name (<c>GaussianBlur</c> to <c>gaussian_blur</c>); null when it is none.</summary>
    public static string? FromReferenceName(string referenceName) => SnakeNames.TryGetValue(referenceName, out var name) ? name : null;
}
