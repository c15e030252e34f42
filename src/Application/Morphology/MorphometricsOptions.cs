namespace DigitForge.Application.Morphology;

/// <summary>Limits of the morphometrics use case, bound from configuration section <c>DigitForge:Morphometrics</c>.</summary>
public sealed class MorphometricsOptions
{
    public const string SectionName = "DigitForge:Morphometrics";

    /// <summary>Most images one request may measure (uploads or dataset rows).</summary>
    public int MaxImages { get; set; } = 10_000;

    /// <summary>Largest image side accepted (the analysis works at 4x, so cost grows with the square of this).</summary>
    public int MaxImageSide { get; set; } = 128;

    /// <summary>Most bytes of dataset rows read at once to be measured.</summary>
    public long MaxWorkingBytes { get; set; } = 64L << 20;

    /// <summary>Largest multipart upload in bytes (all images together); it is read into memory to be decoded.</summary>
    public long MaxUploadBytes { get; set; } = 64L << 20;
}
