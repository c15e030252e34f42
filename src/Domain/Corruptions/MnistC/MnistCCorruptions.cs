namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// The MNIST-C set (see docs/datasets.md, "Corruptions and compositions"): the 16 directory names in the reference's
/// <c>CORRUPTIONS</c> order and the severity each one's function uses by default (the published dataset's).
/// </summary>
public static class MnistCCorruptions
{
    /// <summary>identity + the 15 corruptions, in the reference's order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "identity", "shot_noise", "impulse_noise", "glass_blur", "motion_blur", "shear", "scale", "rotate",
        "brightness", "translate", "stripe", "fog", "spatter", "dotted_line", "zigzag", "canny_edges",
    ];

    /// <summary>
    /// MNIST-C's default severity of <paramref name="name"/>: the corruption's own default, except impulse noise, which
    /// the compositional set shares at severity 5 and MNIST-C uses at 4.
    /// </summary>
    public static int DefaultSeverity(string name, CorruptionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(registry);
        return string.Equals(name, ImpulseNoiseCorruption.CorruptionName, StringComparison.OrdinalIgnoreCase)
            ? ImpulseNoiseCorruption.MnistCDefaultSeverity
            : registry.Get(name).DefaultSeverity;
    }
}
