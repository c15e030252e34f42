using System.Globalization;
using SkiaSharp;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// A confusion matrix as a picture: rows the true classes, columns the predictions, cells shaded by their share of the
/// row (recall per class) with the count printed; class names along both axes and the axes named. Long names turn the
/// column labels upright; more than 40 classes drop the counts (cells too small to read).
/// </summary>
internal static class ConfusionMatrixFigure
{
    private const float LabelSize = 13;
    private const float CountSize = 12;
    private const float AxisTitleSize = 14;
    private const int Pad = 8;
    private static readonly SKColor Axis = new(60, 60, 60);
    private static readonly SKColor Grid = new(225, 225, 225);

    internal readonly record struct Geometry(int Cell, int Left, int Top, int Width, int Height, bool UprightColumns);

    public static Geometry Measure(int classes, IReadOnlyList<string> names, long max)
    {
        using var label = FigureFont.Create(LabelSize);
        using var count = FigureFont.Create(CountSize);
        float widestName = names.Count == 0 ? 0 : names.Max(n => label.MeasureText(n));
        int cell = classes > 40 ? 10 : (int)Math.Ceiling(Math.Max(28, count.MeasureText(max.ToString(CultureInfo.InvariantCulture)) + 8));
        bool upright = widestName > cell - 2;
        int columnLabels = upright ? (int)Math.Ceiling(widestName) + Pad : (int)LabelSize + Pad;
        int left = Pad + (int)AxisTitleSize + Pad + (int)Math.Ceiling(widestName) + Pad;
        int top = Pad + (int)AxisTitleSize + Pad + columnLabels;
        return new Geometry(cell, left, top, left + (classes * cell) + Pad, top + (classes * cell) + Pad, upright);
    }

    public static SKBitmap Rasterise(long[,] counts, IReadOnlyList<string>? classNames)
    {
        int classes = counts.GetLength(0);
        if (counts.GetLength(1) != classes)
        {
            throw new ArgumentException($"A confusion matrix is square; this one is {classes}x{counts.GetLength(1)}.", nameof(counts));
        }

        if (classNames is not null && classNames.Count != classes)
        {
            throw new ArgumentException($"{classNames.Count} class names for {classes} classes.", nameof(classNames));
        }

        var names = classNames ?? [.. Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        long max = 0;
        foreach (long c in counts)
        {
            max = Math.Max(max, c);
        }

        var g = Measure(classes, names, max);
        var bitmap = FigureRaster.Create(Math.Max(g.Width, 120), Math.Max(g.Height, 80), SKColors.White);
        using var canvas = new SKCanvas(bitmap);
        using var labelFont = FigureFont.Create(LabelSize);
        using var countFont = FigureFont.Create(CountSize);
        using var titleFont = FigureFont.Create(AxisTitleSize);
        using var ink = new SKPaint { Color = Axis, IsAntialias = true };
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var fill = new SKPaint { Style = SKPaintStyle.Fill };
        using var grid = new SKPaint { Color = Grid, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };

        // Axis titles: "predicted" over the columns, "true" up the left side.
        canvas.DrawCentredText("predicted", g.Left + (classes * g.Cell / 2f), Pad + (AxisTitleSize / 2), titleFont, ink);
        canvas.Save();
        canvas.Translate(Pad + (AxisTitleSize / 2), g.Top + (classes * g.Cell / 2f));
        canvas.RotateDegrees(-90);
        canvas.DrawCentredText("true", 0, 0, titleFont, ink);
        canvas.Restore();

        for (int row = 0; row < classes; row++)
        {
            long total = 0;
            for (int column = 0; column < classes; column++)
            {
                total += counts[row, column];
            }

            float middle = g.Top + (row * g.Cell) + (g.Cell / 2f);
            labelFont.GetFontMetrics(out var metrics);
            canvas.DrawText(names[row], g.Left - Pad, middle + (metrics.CapHeight / 2), SKTextAlign.Right, labelFont, ink);
            for (int column = 0; column < classes; column++)
            {
                double share = total == 0 ? 0 : counts[row, column] / (double)total;
                fill.Color = new SKColor((byte)(255 - (share * 224)), (byte)(255 - (share * 160)), (byte)(255 - (share * 80)));
                int left = g.Left + (column * g.Cell);
                int top = g.Top + (row * g.Cell);
                canvas.DrawRect(left, top, g.Cell, g.Cell, fill);
                canvas.DrawRect(left + 0.5f, top + 0.5f, g.Cell, g.Cell, grid);
                if (counts[row, column] > 0 && classes <= 40)
                {
                    canvas.DrawCentredText(counts[row, column].ToString(CultureInfo.InvariantCulture), left + (g.Cell / 2f), top + (g.Cell / 2f), countFont, share > 0.5 ? white : ink);
                }
            }
        }

        DrawColumnLabels(canvas, names, g, labelFont, ink);
        canvas.Flush();
        return bitmap;
    }

    private static void DrawColumnLabels(SKCanvas canvas, IReadOnlyList<string> names, Geometry g, SKFont font, SKPaint ink)
    {
        font.GetFontMetrics(out var metrics);
        for (int column = 0; column < names.Count; column++)
        {
            float centre = g.Left + (column * g.Cell) + (g.Cell / 2f);
            if (g.UprightColumns)
            {
                // Read bottom to top, ending just above the grid.
                canvas.Save();
                canvas.Translate(centre + (metrics.CapHeight / 2), g.Top - Pad);
                canvas.RotateDegrees(-90);
                canvas.DrawText(names[column], 0, 0, SKTextAlign.Left, font, ink);
                canvas.Restore();
            }
            else
            {
                canvas.DrawText(names[column], centre, g.Top - Pad, SKTextAlign.Center, font, ink);
            }
        }
    }
}
