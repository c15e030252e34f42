using SkiaSharp;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>A white, opaque RGBA raster figures draw on with SkiaSharp, and its PNG.</summary>
internal static class FigureRaster
{
    public static SKBitmap Create(int width, int height, SKColor background)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(background);
        return bitmap;
    }

    /// <summary>SkiaSharp's PNG encoder (libpng + zlib): deterministic for the same pixels.</summary>
    public static byte[] EncodePng(SKBitmap bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the figure as PNG.");
        return data.ToArray();
    }

    public static SKColor ToSk(this Rgb color) => new(color.R, color.G, color.B);

    /// <summary>Text centred horizontally on <paramref name="centreX"/> with its middle (cap height) on <paramref name="middleY"/>.</summary>
    public static void DrawCentredText(this SKCanvas canvas, string text, float centreX, float middleY, SKFont font, SKPaint paint)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(font);
        font.GetFontMetrics(out var metrics);
        float baseline = middleY + (metrics.CapHeight / 2);
        canvas.DrawText(text, centreX, baseline, SKTextAlign.Center, font, paint);
    }
}
