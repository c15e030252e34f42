namespace DigitForge.Application.Common;

/// <summary>File formats a single generated image can be returned in.</summary>
public enum ImageFileFormat
{
    /// <summary>8-bit grayscale PNG, <c>uint8(255*x)</c> truncation like the reference.</summary>
    Png,

    /// <summary>float32 NPY of shape (height, width), values as generated (0 = ink, 1 = paper).</summary>
    Npy,
}

/// <summary>Names of <see cref="ImageFileFormat"/> as front ends take them (query values, file extensions).</summary>
public static class ImageFileFormats
{
    public const string PngContentType = "image/png";
    public const string NpyContentType = "application/x-npy";

    /// <summary>png (also empty or missing) or npy, any case; null for anything else.</summary>
    public static ImageFileFormat? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "png" => ImageFileFormat.Png,
        "npy" => ImageFileFormat.Npy,
        _ => null,
    };

    /// <summary>NPY for a .npy path, else PNG.</summary>
    public static ImageFileFormat FromExtension(string path) =>
        string.Equals(Path.GetExtension(path), ".npy", StringComparison.OrdinalIgnoreCase) ? ImageFileFormat.Npy : ImageFileFormat.Png;
}
