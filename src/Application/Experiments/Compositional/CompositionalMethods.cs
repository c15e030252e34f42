namespace DigitForge.Application.Experiments.Compositional;

/// <summary>The four methods compared (specs/sequences-corruptions.md B.6), by the reference's names, and ImgSpace's identity-only variant.</summary>
public static class CompositionalMethods
{
    public const string CrossEntropy = "CrossEntropy";
    public const string Contrastive = "Contrastive";
    public const string AutoModules = "AutoModules";
    public const string ImgSpace = "ImgSpace";

    /// <summary>
    /// ImgSpace's second classifier (spec B.6): the same autoencoder chain in front of a classifier trained on Identity
    /// images only, instead of one trained on the autoencoders' outputs.
    /// </summary>
    public const string ImgSpaceIdentity = "ImgSpaceIdentity";

    public static IReadOnlyList<string> All { get; } = [CrossEntropy, Contrastive, AutoModules, ImgSpace, ImgSpaceIdentity];

    /// <summary>Modular (two-step) methods: their structure mirrors the composition.</summary>
    public static bool IsModular(string method) => method is AutoModules or ImgSpace or ImgSpaceIdentity;

    /// <summary>
    /// Parses a comma-separated list (case-insensitive, duplicates dropped, in the canonical order); throws
    /// <see cref="FormatException"/> naming an unknown method.
    /// </summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string? method = All.FirstOrDefault(m => string.Equals(m, part, StringComparison.OrdinalIgnoreCase));
            if (method is null)
            {
                throw new FormatException($"Unknown method '{part}'; expected some of {string.Join(", ", All)}.");
            }

            chosen.Add(method);
        }

        if (chosen.Count == 0)
        {
            throw new FormatException($"Name at least one method of {string.Join(", ", All)}.");
        }

        return [.. All.Where(chosen.Contains)];
    }
}
