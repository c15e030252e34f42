using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.Compositions;

/// <summary>
/// An ordered list of corruptions applied left to right (first name first), intensities kept as floats between steps
/// as in the compositional-robustness reference. Named like the reference's result keys: our names joined by '-'
/// (<c>invert-swirl</c>; the reference writes <c>Invert-Swirl</c>, see <see cref="ReferenceName"/>).
/// </summary>
public sealed class Composition
{
    public Composition(IReadOnlyList<CompositionStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0)
        {
            throw new ArgumentException("A composition needs at least one corruption.", nameof(steps));
        }

        Steps = [.. steps];
        Name = string.Join('-', Steps.Select(s => s.Text));
        ReferenceName = string.Join('-', Steps.Select(s => CompositionalSet.ReferenceName(s.Corruption.Name)));
    }

    public IReadOnlyList<CompositionStep> Steps { get; }

    /// <summary>Our names joined by '-', with <c>:severity</c> where a step is not at its default, e.g. <c>invert-swirl:5</c>.</summary>
    public string Name { get; }

    /// <summary>The reference's key: class names joined by '-', e.g. <c>Invert-Swirl</c> (severities are not part of it).</summary>
    public string ReferenceName { get; }

    /// <summary>Applies every step in order; the result may be <paramref name="image"/> itself.</summary>
    public Raster Apply(Raster image, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        foreach (var step in Steps)
        {
            image = step.Corruption.Apply(image, step.Severity, random);
        }

        return image;
    }

    public override string ToString() => Name;
}
