using DigitForge.Application.Common;

namespace DigitForge.Application.Mnist1D;

/// <summary>Names, media types and file extensions of the MNIST-1D outputs, shared by the API and the CLI.</summary>
public static class Mnist1DFormats
{
    /// <summary>numpy has no registered media type for .npz; this follows the <c>application/x-npy</c> we use for .npy.</summary>
    public const string NpzContentType = "application/x-npz";

    public const string JsonContentType = "application/json";

    public const string SvgContentType = "image/svg+xml";

    public const string PngContentType = ImageFileFormats.PngContentType;

    /// <summary>Null or blank means npz; unknown names give null so the caller can report the field.</summary>
    public static Mnist1DFileFormat? ParseFileFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "npz" => Mnist1DFileFormat.Npz,
        "json" => Mnist1DFileFormat.Json,
        _ => null,
    };

    /// <summary>Null or blank means png; unknown names give null.</summary>
    public static Mnist1DPlotFormat? ParsePlotFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "png" => Mnist1DPlotFormat.Png,
        "svg" => Mnist1DPlotFormat.Svg,
        _ => null,
    };

    /// <summary>.npz or .json by a path's extension (any case); null for anything else.</summary>
    public static Mnist1DFileFormat? FileFormatFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".npz" => Mnist1DFileFormat.Npz,
        ".json" => Mnist1DFileFormat.Json,
        _ => null,
    };

    public static string ContentType(Mnist1DFileFormat format) => format == Mnist1DFileFormat.Json ? JsonContentType : NpzContentType;

    public static string Extension(Mnist1DFileFormat format) => format == Mnist1DFileFormat.Json ? ".json" : ".npz";

    public static string ContentType(Mnist1DPlotFormat format) => format == Mnist1DPlotFormat.Svg ? SvgContentType : PngContentType;
}
