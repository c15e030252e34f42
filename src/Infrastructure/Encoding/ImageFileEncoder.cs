using DigitForge.Application.Common;
using DigitForge.Domain.Imaging;

namespace DigitForge.Infrastructure.Encoding;

/// <summary>One generated image as a file in the format the caller asked for; shared by the API and the CLI.</summary>
public static class ImageFileEncoder
{
    public const string PngContentType = ImageFileFormats.PngContentType;
    public const string NpyContentType = ImageFileFormats.NpyContentType;

    /// <summary>Null/empty means PNG; unknown names give null so the caller can report the field.</summary>
    public static ImageFileFormat? ParseFormat(string? name) => ImageFileFormats.Parse(name);

    /// <summary>.npy writes NPY; anything else PNG (the reference always wrote PNG).</summary>
    public static ImageFileFormat FormatFromExtension(string path) => ImageFileFormats.FromExtension(path);

    public static EncodedFile Encode(GrayImage image, ImageFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(image);
        return format switch
        {
            ImageFileFormat.Png => new EncodedFile(PngEncoder.EncodeGray8(image), PngContentType, ".png"),
            ImageFileFormat.Npy => new EncodedFile(NpyWriter.ToArray<float>(image.Pixels, image.Height, image.Width), NpyContentType, ".npy"),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format."),
        };
    }

    /// <summary>
    /// The same bytes as <see cref="Encode"/> in a pooled buffer, for servers that copy them to a response and
    /// would otherwise allocate an array per request. Dispose the result once the bytes are written.
    /// </summary>
    public static PooledEncodedFile EncodePooled(GrayImage image, ImageFileFormat format)
    {
        ArgumentNullException.ThrowIfNull(image);
        switch (format)
        {
            case ImageFileFormat.Png:
                return new PooledEncodedFile(PngEncoder.EncodeGrayImage(image, System.IO.Compression.CompressionLevel.Fastest), PngContentType, ".png");
            case ImageFileFormat.Npy:
                var buffer = new PooledBufferStream(checked((int)NpyFormat.TotalLength(NpyDType.Of<float>(), image.Height, image.Width)));
                try
                {
                    NpyWriter.Write<float>(buffer, image.Pixels, image.Height, image.Width);
                    return new PooledEncodedFile(buffer, NpyContentType, ".npy");
                }
                catch
                {
                    buffer.Dispose();
                    throw;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format.");
        }
    }
}

/// <summary>Encoded bytes with their media type and usual file extension.</summary>
public sealed record EncodedFile(byte[] Content, string ContentType, string Extension);

/// <summary>Encoded bytes in a pooled buffer (see <see cref="ImageFileEncoder.EncodePooled"/>); valid until disposed.</summary>
public sealed class PooledEncodedFile : IEncodedFile
{
    private readonly PooledBufferStream _buffer;

    internal PooledEncodedFile(PooledBufferStream buffer, string contentType, string extension)
    {
        _buffer = buffer;
        ContentType = contentType;
        Extension = extension;
    }

    public ReadOnlyMemory<byte> Content => _buffer.WrittenMemory;

    public string ContentType { get; }

    public string Extension { get; }

    public void Dispose() => _buffer.Dispose();
}

/// <summary>The <see cref="IImageFileEncoder"/> port: <see cref="ImageFileEncoder.EncodePooled"/> (no array per image).</summary>
internal sealed class PooledImageFileEncoder : IImageFileEncoder
{
    public IEncodedFile Encode(GrayImage image, ImageFileFormat format) => ImageFileEncoder.EncodePooled(image, format);
}
