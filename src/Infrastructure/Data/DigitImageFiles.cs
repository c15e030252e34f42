using DigitForge.Application.Morphology;
using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Data;

/// <summary><see cref="IDigitImageFiles"/>: a <c>.png</c> through SkiaSharp's decoder (any PNG flavour), anything else as an IDX image file.</summary>
public sealed class DigitImageFiles : IDigitImageFiles
{
    public async Task<IReadOnlyList<ImageToMeasure>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            var png = SkiaPngDecoder.DecodeGray(await File.ReadAllBytesAsync(path, cancellationToken), PngDecoder.DefaultMaxPixels);
            return [new ImageToMeasure(name, png.Height, png.Width, png.Gray)];
        }

        var idx = await IdxReader.ReadImagesAsync(path, cancellationToken);
        int size = idx.Rows * idx.Cols;
        var images = new ImageToMeasure[idx.Count];
        for (int i = 0; i < idx.Count; i++)
        {
            images[i] = new ImageToMeasure(name, idx.Rows, idx.Cols, idx.Pixels.AsSpan(i * size, size).ToArray());
        }

        return images;
    }
}
