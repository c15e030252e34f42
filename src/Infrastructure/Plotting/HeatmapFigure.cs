using DigitForge.Application.Experiments;
using SkiaSharp;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// Frames a kind's heatmap raster with text (SkiaSharp): the title above, row labels to the left (right-aligned at
/// the rows they name), the raster scaled without smoothing, and a colour bar of the kind's ramp on the right with its
/// low and high values; column labels under the raster and facet headings over their panels where the picture has them.
/// </summary>
internal static class HeatmapFigure
{
    public const int TitleHeight = 30;
    public const int BarWidth = 14;
    private const int Pad = 8;
    private const float TextSize = 13;
    private const int LabelLine = 18;

    internal readonly record struct Geometry(int Left, int Top, int MapWidth, int MapHeight, int BarLeft, int Width, int Height);

    public static Geometry Measure(HeatmapPicture picture)
    {
        using var font = FigureFont.Create(TextSize);
        using var title = FigureFont.Create(TextSize + 2);
        float labels = picture.RowLabels.Count == 0 ? 0 : picture.RowLabels.Max(l => font.MeasureText(l.Label));
        float scaleLabels = Math.Max(font.MeasureText(picture.Low), font.MeasureText(picture.High));
        int left = Pad + (int)Math.Ceiling(labels) + (labels > 0 ? Pad : 0);
        int mapWidth = picture.Width * picture.Scale, mapHeight = picture.Height * picture.Scale;
        int barLeft = left + mapWidth + (2 * Pad);
        int width = Math.Max(barLeft + BarWidth + 4 + (int)Math.Ceiling(scaleLabels) + Pad, (int)Math.Ceiling(title.MeasureText(picture.Title)) + (2 * Pad));
        // A heading sits in the line above its row; the first panel's needs a line of its own under the title.
        int top = TitleHeight + (picture.Headings is { Count: > 0 } ? LabelLine : 0);
        int below = picture.ColumnLabels is { Count: > 0 } columns ? LabelLine * columns.Max(l => l.Label.Split('\n').Length) : 0;
        return new Geometry(left, top, mapWidth, mapHeight, barLeft, width, top + Math.Max(mapHeight + below, 60) + Pad);
    }

    public static SKBitmap Rasterise(HeatmapPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentOutOfRangeException.ThrowIfLessThan(picture.Height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(picture.Width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(picture.Scale, 1);
        if (picture.Pixels.Length != (long)picture.Height * picture.Width * 3)
        {
            throw new ArgumentException($"{picture.Pixels.Length} bytes are not {picture.Height}x{picture.Width} RGB pixels.", nameof(picture));
        }

        var g = Measure(picture);
        var bitmap = FigureRaster.Create(g.Width, g.Height, SKColors.White);
        using var canvas = new SKCanvas(bitmap);
        using var font = FigureFont.Create(TextSize);
        using var titleFont = FigureFont.Create(TextSize + 2);
        using var ink = new SKPaint { Color = new SKColor(40, 40, 40), IsAntialias = true };
        canvas.DrawCentredText(picture.Title, g.Width / 2f, TitleHeight / 2f, titleFont, ink);

        using (var raster = new SKBitmap(new SKImageInfo(picture.Width, picture.Height, SKColorType.Rgba8888, SKAlphaType.Opaque)))
        {
            for (int y = 0; y < picture.Height; y++)
            {
                for (int x = 0; x < picture.Width; x++)
                {
                    int i = ((y * picture.Width) + x) * 3;
                    raster.SetPixel(x, y, new SKColor(picture.Pixels[i], picture.Pixels[i + 1], picture.Pixels[i + 2]));
                }
            }

            canvas.DrawBitmap(raster, new SKRect(g.Left, g.Top, g.Left + g.MapWidth, g.Top + g.MapHeight), new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        font.GetFontMetrics(out var metrics);
        foreach (var (y, label) in picture.RowLabels)
        {
            canvas.DrawText(label, g.Left - Pad, g.Top + (y * picture.Scale) + (metrics.CapHeight / 2), SKTextAlign.Right, font, ink);
        }

        foreach (var (x, label) in picture.ColumnLabels ?? [])
        {
            string[] lines = label.Split('\n');
            for (int line = 0; line < lines.Length; line++)
            {
                canvas.DrawText(lines[line], g.Left + (x * picture.Scale), g.Top + g.MapHeight + 4 + metrics.CapHeight + (line * LabelLine), SKTextAlign.Center, font, ink);
            }
        }

        using var headingFont = FigureFont.Create(TextSize);
        headingFont.Embolden = true;
        foreach (var (y, label) in picture.Headings ?? [])
        {
            canvas.DrawText(label, g.Left, g.Top + (y * picture.Scale) - 5, SKTextAlign.Left, headingFont, ink);
        }

        // The colour bar: high at the top, as the values read.
        int barHeight = Math.Max(g.MapHeight, 60);
        using var fill = new SKPaint();
        for (int y = 0; y < barHeight; y++)
        {
            var (r, gr, b) = picture.Ramp(1 - (y / (double)Math.Max(1, barHeight - 1)));
            fill.Color = new SKColor(r, gr, b);
            canvas.DrawRect(g.BarLeft, g.Top + y, BarWidth, 1, fill);
        }

        canvas.DrawText(picture.High, g.BarLeft + BarWidth + 4, g.Top + metrics.CapHeight, SKTextAlign.Left, font, ink);
        canvas.DrawText(picture.Low, g.BarLeft + BarWidth + 4, g.Top + barHeight, SKTextAlign.Left, font, ink);
        canvas.Flush();
        return bitmap;
    }
}
