using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;

namespace DigitForge.Application.Corruptions.ListCorruptions;

/// <summary>Every registered corruption (compositional set, MNIST-C set) with its severities.</summary>
public sealed class ListCorruptionsHandler(CorruptionRegistry corruptions)
{
    /// <summary>MNIST-C's 15 corruptions plus identity (specs/sequences-corruptions.md C.3), by our names.</summary>
    private static readonly HashSet<string> MnistC = new(StringComparer.Ordinal)
    {
        "identity", "shot_noise", "impulse_noise", "glass_blur", "motion_blur", "shear", "scale", "rotate", "brightness",
        "translate", "stripe", "fog", "spatter", "dotted_line", "zigzag", "canny_edges",
    };

    public IReadOnlyList<CorruptionInfo> Handle() => [.. corruptions.All.Select(Describe)];

    public static CorruptionInfo Describe(ICorruption corruption)
    {
        ArgumentNullException.ThrowIfNull(corruption);
        var sets = new List<string>();
        if (CompositionalSet.Elementals.Contains(corruption.Name))
        {
            sets.Add("compositional");
        }

        if (MnistC.Contains(corruption.Name))
        {
            sets.Add("mnist-c");
        }

        return new CorruptionInfo(corruption.Name, corruption.Description, corruption.DefaultSeverity, corruption.MaxSeverity, sets, CompositionalSet.ReferenceName(corruption.Name));
    }
}
