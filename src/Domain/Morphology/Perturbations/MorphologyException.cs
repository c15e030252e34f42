namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>An operation that the image does not allow (no stroke, no skeleton); the message says why.</summary>
public sealed class MorphologyException : Exception
{
    public MorphologyException()
    {
    }

    public MorphologyException(string message)
        : base(message)
    {
    }

    public MorphologyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
