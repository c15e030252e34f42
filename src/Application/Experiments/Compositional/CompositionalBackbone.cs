using DigitForge.Application.Training;
using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// The backbone a source trains (spec B.6) and what the methods need to know about it: where the penultimate
/// representation is (the contrastive losses), the levels a module can sit at with their activation shapes
/// (AutoModules), and the spec's fallback levels (after the first conv block, after the last).
/// </summary>
/// <param name="Name">What the run logs as the backbone.</param>
/// <param name="Model">The classifier: input [channels, size, size].</param>
/// <param name="EmbeddingLayers">Layers up to the penultimate representation.</param>
/// <param name="Levels">Candidate module levels (layer counts) with the activation shape after each, in order.</param>
public sealed record CompositionalBackbone(string Name, ModelDescription Model, int EmbeddingLayers, IReadOnlyList<(int Level, int[] Shape)> Levels)
{
    public int Channels => Model.InputShape[0];

    public int Size => Model.InputShape[1];

    /// <summary>After the first conv block: the spec's fallback for contrast, gaussian_blur, impulse_noise, invert.</summary>
    public int FirstConvLevel => Levels[0].Level;

    /// <summary>After the last conv block: the spec's fallback for rotate90 and swirl.</summary>
    public int LastConvLevel => Levels[^1].Level;

    public int[] ActivationShape(int level) =>
        Levels.FirstOrDefault(l => l.Level == level).Shape ?? throw new ArgumentOutOfRangeException(nameof(level), level, "Modules sit after a conv block.");

    /// <summary>The levels AutoModules tries: all (the paper preset) or the first and the last (CPU presets).</summary>
    public IReadOnlyList<int> CandidateLevels(bool all) => all ? [.. Levels.Select(l => l.Level)] : [FirstConvLevel, LastConvLevel];

    /// <summary>The spec's heuristic fallback level of a corruption.</summary>
    public int FallbackLevel(string corruption) => corruption is "rotate90" or "swirl" ? LastConvLevel : FirstConvLevel;

    /// <summary>
    /// The spec's backbone for <paramref name="source"/> at <paramref name="width"/>: the DTN-style CNN for the 28x28
    /// grey sources, ResNet-18 for CIFAR-10 (<see cref="CompositionalResNet"/>), Inception-v3 for FaceScrub's 100x100
    /// RGB faces (<see cref="CompositionalInception"/>).
    /// </summary>
    public static CompositionalBackbone For(CorruptionSource source, double width)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Name == CorruptionSource.FaceScrub)
        {
            return CompositionalInception.Build(source.Size, source.Channels, source.ClassCount, width);
        }

        if (source.Name == CorruptionSource.Cifar10)
        {
            return CompositionalResNet.Build(source.Size, source.Channels, source.ClassCount, width);
        }

        if (source.Channels != 1)
        {
            throw new NotSupportedException($"{source.Name}: no backbone of the reference for it.");
        }

        return new CompositionalBackbone("DTN", CompositionalModels.Backbone(source.Size, source.ClassCount, width), CompositionalModels.EmbeddingLayers,
            [.. CompositionalModels.CandidateLevels.Select(l => (l, CompositionalModels.ActivationShape(source.Size, width, l)))]);
    }
}
