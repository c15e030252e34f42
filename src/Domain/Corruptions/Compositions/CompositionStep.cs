namespace DigitForge.Domain.Corruptions.Compositions;

/// <summary>One corruption of a composition at one severity.</summary>
public sealed record CompositionStep(ICorruption Corruption, int Severity)
{
    /// <summary><c>swirl</c> at the corruption's default severity, else <c>swirl:5</c>.</summary>
    public string Text => Severity == Corruption.DefaultSeverity
        ? Corruption.Name
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Corruption.Name}:{Severity}");
}
