using SkiaSharp;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// Rasterises a <see cref="SignalPlot"/> with SkiaSharp into a PNG: anti-aliased lines and markers clipped to each
/// panel's axes, a one-pixel frame, titles in DejaVu Sans (<see cref="FigureFont"/>). Same geometry as the SVG
/// (<see cref="SignalPlotLayout"/>).
/// </summary>
public static class PngSignalPlotRenderer
{
    public static byte[] Render(SignalPlot plot)
    {
        using var bitmap = Rasterise(plot);
        return FigureRaster.EncodePng(bitmap);
    }

    internal static SKBitmap Rasterise(SignalPlot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var layout = new SignalPlotLayout(plot);
        var bitmap = FigureRaster.Create(layout.Width, layout.Height, SKColors.White);
        using var canvas = new SKCanvas(bitmap);
        bool dark = plot.Style == SignalPlotStyle.DarkMarkers;
        using var ink = new SKPaint { Color = dark ? SKColors.White : SKColors.Black, IsAntialias = true };
        using var frame = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = false };
        using var face = new SKPaint { Color = dark ? SKColors.Black : SKColors.White };
        using var font = FigureFont.Create(SignalPlotLayout.TitleFontSize);
        using var title = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (int p = 0; p < plot.Panels.Count; p++)
        {
            var panel = plot.Panels[p];
            var (left, top, width, height) = layout.Axes(p);
            canvas.DrawRect(left, top, width, height, face);

            // Inside the frame, as matplotlib clips lines to the axes.
            canvas.Save();
            canvas.ClipRect(new SKRect(left + 1, top + 1, left + width - 1, top + height - 1));
            if (dark)
            {
                DrawMarkers(canvas, layout, p, panel, ink);
            }
            else
            {
                DrawLine(canvas, layout, p, panel, ink);
            }

            canvas.Restore();

            // Half-pixel offsets put the one-pixel frame exactly on the axes' edge pixels.
            canvas.DrawRect(left + 0.5f, top + 0.5f, width - 1, height - 1, frame);
            if (panel.Title is { Length: > 0 } text)
            {
                var (centreX, middleY) = layout.Title(p);
                canvas.DrawCentredText(text, (float)centreX, (float)middleY, font, title);
            }
        }

        canvas.Flush();
        return bitmap;
    }

    private static void DrawMarkers(SKCanvas canvas, SignalPlotLayout layout, int p, SignalPanel panel, SKPaint ink)
    {
        ink.Style = SKPaintStyle.Fill;
        for (int i = 0; i < panel.Values.Length; i++)
        {
            var (x, y) = layout.Map(p, panel.Values[i], panel.T[i]);
            if (double.IsFinite(x) && double.IsFinite(y))
            {
                canvas.DrawCircle((float)x, (float)y, (float)SignalPlotLayout.MarkerRadius, ink);
            }
        }
    }

    private static void DrawLine(SKCanvas canvas, SignalPlotLayout layout, int p, SignalPanel panel, SKPaint ink)
    {
        ink.Style = SKPaintStyle.Stroke;
        ink.StrokeWidth = (float)SignalPlotLayout.LineWidth;
        ink.StrokeCap = SKStrokeCap.Round;
        ink.StrokeJoin = SKStrokeJoin.Round;
        using var builder = new SKPathBuilder();
        bool open = false;
        for (int i = 0; i < panel.Values.Length; i++)
        {
            var (x, y) = layout.Map(p, panel.Values[i], panel.T[i]);
            if (!double.IsFinite(x) || !double.IsFinite(y))
            {
                open = false; // a NaN breaks the line, as in matplotlib
                continue;
            }

            if (open)
            {
                builder.LineTo((float)x, (float)y);
            }
            else
            {
                builder.MoveTo((float)x, (float)y);
                open = true;
            }
        }

        using var path = builder.Detach();
        canvas.DrawPath(path, ink);
    }
}
