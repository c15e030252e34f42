using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>canny_edges</c>: scikit-image <c>feature.canny(x / 255)</c> with its defaults (sigma 1, thresholds 0.1
/// and 0.2 of the float range), edges 255 on 0 (white edges on black). Colour images: edges of the luminance
/// (<c>rgb2gray</c>) written to every channel. Deterministic, no severities.
/// </summary>
[BuiltInCorruption]
public sealed class CannyEdgesCorruption : ICorruption
{
    public string Name => "canny_edges";

    public string Description => "Replaces the image by its Canny edge map (white edges on black).";

    public int DefaultSeverity => 1;

    public int MaxSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        MnistCPixels.CheckSeverity(severity, MaxSeverity);
        int channels = image.Channels;
        int n = image.Height * image.Width;
        var gray = new double[n];
        var pixels = image.Pixels;
        for (int i = 0; i < n; i++)
        {
            gray[i] = channels == 3
                ? BrightnessCorruption.Gray(pixels[3 * i] / 255.0, pixels[(3 * i) + 1] / 255.0, pixels[(3 * i) + 2] / 255.0)
                : pixels[i * channels] / 255.0;
        }

        var edges = CannyEdges.Detect(gray, image.Height, image.Width);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = edges[i / channels] ? 255f : 0f;
        }

        return image;
    }
}
