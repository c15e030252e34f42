using System.IO.Compression;
using DigitForge.Domain.Datasets;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Datasets.Bundles;

/// <summary>
/// A row's image as 8-bit gray pixels or a PNG: uint8 images as they are, float ones through <see cref="GrayImageBytes"/>;
/// RGB images (3 channels, HWC) as RGB PNGs.
/// </summary>
public static class RowImages
{
    public static byte[] Gray8(RowBlock block, int row)
    {
        ArgumentNullException.ThrowIfNull(block);
        var image = block.Layout.Image ?? throw new InvalidOperationException("The dataset's rows are not images.");
        int index = block.Layout.ImageArrayIndex;
        if (block.Layout.Arrays[index].ElementType == ElementType.UInt8)
        {
            return block.Row<byte>(index, row).ToArray();
        }

        var pixels = new byte[image.Height * image.Width];
        GrayImageBytes.ToGray8Truncated(block.Row<float>(index, row), pixels);
        return pixels;
    }

    public static byte[] Png(RowBlock block, int row)
    {
        var image = block?.Layout.Image ?? throw new InvalidOperationException("The dataset's rows are not images.");
        return image.Channels == 3
            ? PngEncoder.EncodeRgb8(block.Row<byte>(block.Layout.ImageArrayIndex, row), image.Width, image.Height, CompressionLevel.Fastest)
            : PngEncoder.EncodeGray8(Gray8(block, row), image.Width, image.Height, CompressionLevel.Fastest);
    }
}

/// <summary>The <see cref="Application.Datasets.IRowImageEncoder"/> port over <see cref="RowImages.Png"/>.</summary>
internal sealed class RowImageEncoder : Application.Datasets.IRowImageEncoder
{
    public byte[] Png(RowBlock block, int row) => RowImages.Png(block, row);
}
