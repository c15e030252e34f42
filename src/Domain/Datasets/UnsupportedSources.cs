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
    /// it as the reference does; it is then a source of the corruption generators (<c>source=facescrub</c>) and of the
    /// compositional-robustness kind, not a generator of its own.
    /// </summary>
    public const string FaceScrubReason =
        "FaceScrub is not a dataset generator source of its own: import a folder of its faces with `digitforge data import <folder> " +
        "--source facescrub` (the compositional-robustness layout, <identity>_<n>.jpg with identities 100..487), which stores " +
        "them under the data directory as the reference splits them; then use it as the source of the composition and " +
        "compositional-benchmark generators (\"source\": \"facescrub\") or of the compositional-robustness experiment.";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        [FaceScrub] = FaceScrubReason,
    };

    /// <summary>Why <paramref name="name"/> is not offered, or null when it is not one of these.</summary>
    public static string? Reason(string? name) =>
        name is not null && Reasons.TryGetValue(name.Trim(), out string? reason) ? reason : null;
}
