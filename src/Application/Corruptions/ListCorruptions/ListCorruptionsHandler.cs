using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Corruptions.MnistC;

namespace DigitForge.Application.Corruptions.ListCorruptions;

/// <summary>Every registered corruption (compositional set, MNIST-C set) with its severities.</summary>
public sealed class ListCorruptionsHandler(CorruptionRegistry corruptions)
{
    private static readonly HashSet<string> MnistC = new(MnistCCorruptions.Names, StringComparer.Ordinal);

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
