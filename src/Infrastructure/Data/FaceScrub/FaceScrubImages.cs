using DigitForge.Domain.Data;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Data.FaceScrub;

/// <summary>
/// An imported FaceScrub split as source images for the generators: the import's NPY files (uint8 (N, 100, 100, 3)
/// HWC, uint16 labels) as <see cref="LabeledImages"/> with 16-bit labels (388 identities do not fit a byte). The
/// import's valid split is not served: the generators carve their own from train when asked (<c>valid_per_class</c>).
/// </summary>
public static class FaceScrubImages
{
    public static async Task<LabeledImages> ReadAsync(string imagesPath, string labelsPath, CancellationToken cancellationToken)
    {
        var images = NpyReader.Read(await File.ReadAllBytesAsync(imagesPath, cancellationToken));
        var labels = NpyReader.Read(await File.ReadAllBytesAsync(labelsPath, cancellationToken));
        if (images.DType != NpyDType.UInt8 || images.Shape.Count != 4 || images.Shape[1] != FaceScrubLayout.Side
            || images.Shape[2] != FaceScrubLayout.Side || images.Shape[3] != FaceScrubLayout.Channels)
        {
            throw new InvalidDataException(
                $"{imagesPath}: expected uint8 (N, {FaceScrubLayout.Side}, {FaceScrubLayout.Side}, {FaceScrubLayout.Channels}) faces, found {images.DType} ({string.Join(", ", images.Shape)}); import the folder again.");
        }

        if (labels.DType != NpyDType.UInt16 || labels.Shape.Count != 1 || labels.Shape[0] != images.Shape[0])
        {
            throw new InvalidDataException($"{labelsPath}: expected {images.Shape[0]} uint16 labels, found {labels.DType} ({string.Join(", ", labels.Shape)}); import the folder again.");
        }

        return new LabeledImages(FaceScrubLayout.Side, FaceScrubLayout.Side, FaceScrubLayout.Channels, images.Data, labels.AsSpan<ushort>().ToArray());
    }
}
