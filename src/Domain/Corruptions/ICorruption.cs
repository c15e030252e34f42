using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>
/// One corruption of the compositional-robustness or MNIST-C set (see docs/datasets.md, "Corruptions and compositions"):
/// a snake_case name, severities 1..<see cref="MaxSeverity"/> from the reference's table, and an operation on a
/// <see cref="Raster"/> of any size and channel count.
/// </summary>
/// <remarks>
/// Implementations are stateless and thread-safe (one instance serves all requests); all randomness comes from the
/// <see cref="KeyedRandom"/> passed in, so equal seeds give equal bytes. Mark a built-in with
/// <see cref="BuiltInCorruptionAttribute"/>: <see cref="CorruptionRegistry.BuiltIns"/> (registered as services by <c>AddCorruptions</c>) picks it up and the filter
/// registry exposes it as a filter with a <c>severity</c> parameter.
/// </remarks>
public interface ICorruption
{
    /// <summary>snake_case name used in filter specs and dataset folders, e.g. <c>gaussian_blur</c>.</summary>
    string Name { get; }

    /// <summary>One sentence for help texts, OpenAPI and the UI.</summary>
    string Description { get; }

    /// <summary>The severity the filter uses when none is given (a generator may apply its own set's default).</summary>
    int DefaultSeverity { get; }

    /// <summary>Highest severity; severities run 1..MaxSeverity (a deterministic corruption may have only 1).</summary>
    int MaxSeverity => 5;

    /// <summary>
    /// Corrupts <paramref name="image"/> (values 0..255, possibly outside between composition steps) and returns the
    /// result, which may be <paramref name="image"/> itself modified in place or a new raster of the same shape.
    /// </summary>
    Raster Apply(Raster image, int severity, KeyedRandom random);
}
