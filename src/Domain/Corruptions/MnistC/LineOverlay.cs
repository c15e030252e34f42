namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary><c>np.clip(x/255 + overlay, 0, 1) * 255</c> with a one-channel overlay added to every channel.</summary>
internal static class LineOverlay
{
    public static Raster Add(Raster image, ReadOnlySpan<double> overlay)
    {
        int channels = image.Channels;
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            double v = (pixels[i] / 255.0) + overlay[i / channels];
            pixels[i] = (float)(Math.Clamp(v, 0.0, 1.0) * 255);
        }

        return image;
    }
}
