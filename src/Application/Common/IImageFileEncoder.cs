using DigitForge.Domain.Imaging;

namespace DigitForge.Application.Common;

/// <summary>Encodes one generated image as a file (PNG or NPY); implemented in Infrastructure/Encoding.</summary>
public interface IImageFileEncoder
{
    /// <summary>The encoded bytes in a pooled buffer: dispose the result once written.</summary>
    IEncodedFile Encode(GrayImage image, ImageFileFormat format);
}

/// <summary>Encoded file bytes, valid until disposed.</summary>
public interface IEncodedFile : IDisposable
{
    ReadOnlyMemory<byte> Content { get; }

    string ContentType { get; }

    string Extension { get; }
}
