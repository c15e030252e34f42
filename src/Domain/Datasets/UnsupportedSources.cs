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
    /// (<c>&lt;id&gt;_&lt;n&gt;.jpg</c>, ids 100..487). <c>digitforge data import &lt;folder&gt; --source facescrub</c> imports
    /// it as the reference does, but it is not a generator source: its 388 identities do not fit the generators' byte
    /// labels, and its 100x100 RGB faces need the reference's Inception-v3 backbone, which is not built.
    /// </summary>
    public const string FaceScrubReason =
        "FaceScrub is not a dataset generator source: import a folder of its faces with `digitforge data import <folder> " +
        "--source facescrub` (the compositional-robustness layout, <identity>_<n>.jpg with identities 100..487), which stores " +
        "them under the data directory as the reference splits them; its 388 identities do not fit the generators' byte labels " +
        "and its 100x100 RGB faces need the reference's Inception-v3 backbone, which is not built. Use emnist-balanced or cifar10.";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        [FaceScrub] = FaceScrubReason,
    };

    /// <summary>Why <paramref name="name"/> is not offered, or null when it is not one of these.</summary>
    public static string? Reason(string? name) =>
        name is not null && Reasons.TryGetValue(name.Trim(), out string? reason) ? reason : null;
}
