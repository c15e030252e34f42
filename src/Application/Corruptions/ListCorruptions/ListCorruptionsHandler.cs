using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Corruptions.MnistC;
using Mediator;

namespace DigitForge.Application.Corruptions.ListCorruptions;

/// <summary>Every registered corruption (compositional set, MNIST-C set) with its severities.</summary>
public sealed class ListCorruptionsHandler(CorruptionRegistry corruptions) : IRequestHandler<ListCorruptionsRequest, IReadOnlyList<CorruptionInfo>>
{
    private static readonly HashSet<string> MnistC = new(MnistCCorruptions.Names, StringComparer.Ordinal);

    public IReadOnlyList<CorruptionInfo> Handle() => [.. corruptions.All.Select(Describe)];

    public ValueTask<IReadOnlyList<CorruptionInfo>> Handle(ListCorruptionsRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(Handle());

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
