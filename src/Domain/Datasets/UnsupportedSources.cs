namespace DigitForge.Domain.Datasets;

/// <summary>
/// Sources people will ask for by name that DigitForge cannot offer, each with the reason, so front ends answer with it
/// (400 or exit code 2) instead of a bare "unknown".
/// </summary>
public static class UnsupportedSources
{
    public const string FaceScrub = "facescrub";

    /// <summary>
    /// FaceScrub cannot be redistributed, so the compositional-robustness reference reads a directory the user supplies
    /// (<c>&lt;id&gt;_&lt;n&gt;.jpg</c>, ids 100..487). Reading it needs a JPEG decoder, and none is available to this
    /// build: no imaging package restores from the package feed here and we have not written one.
    /// </summary>
    public const string FaceScrubReason =
        "FaceScrub is not supported: it cannot be redistributed, so it would have to be read from a directory you supply " +
        "(the compositional-robustness layout, <id>_<n>.jpg with ids 100..487), and DigitForge has no JPEG decoder " +
        "(no imaging library is available to this build). Use emnist-balanced or cifar10, or convert the faces yourself.";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        [FaceScrub] = FaceScrubReason,
    };

    /// <summary>Why <paramref name="name"/> is not offered, or null when it is not one of these.</summary>
    public static string? Reason(string? name) =>
        name is not null && Reasons.TryGetValue(name.Trim(), out string? reason) ? reason : null;
}
