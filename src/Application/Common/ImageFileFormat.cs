namespace DigitForge.Infrastructure.Encoding;

/// <summary>File formats a single generated image can be returned in.</summary>
public enum ImageFileFormat
{
    /// <summary>8-bit grayscale PNG, <c>uint8(255*x)</c> truncation like the reference.</summary>
    Png,

    /// <summary>float32 NPY of shape (height, width), values as generated (0 = ink, 1 = paper).</summary>
    Npy,
}
