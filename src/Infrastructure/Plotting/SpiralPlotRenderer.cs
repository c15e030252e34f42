using System.Globalization;
using DigitForge.Application.Spirals.PlotSpirals;
using SkiaSharp;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// Draws a <see cref="SpiralScatter"/> as a PNG with SkiaSharp, like the ARMED reference's clusters.svg: one square
/// panel per cluster (five per row) titled with the cluster and its radius, points coloured by class (matplotlib's
/// tab10 cycle), every panel on the same axes so the clusters' radii compare at a glance; a legend of the classes on top.
/// </summary>
public static class SpiralPlotRenderer
{
    public const int MaxColumns = 5;
    public const int CellWidth = 216;
    public const int TitleHeight = 24;
    public const int AxesSize = 200;
    public const int LegendHeight = 28;
    private const int Margin = 8;
    private const float TitleSize = 14;
    private const float PointRadius = 1.6f;

    /// <summary>matplotlib's default colour cycle (tab10), the reference's class colours.</summary>
    private static readonly Rgb[] Palette =
    [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd),
        new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf),
    ];

    private static readonly SKColor AxisGrey = new(0xdd, 0xdd, 0xdd);

    public static byte[] Render(SpiralScatter scatter)
    {
        using var bitmap = Rasterise(scatter);
        return FigureRaster.EncodePng(bitmap);
    }

    /// <summary>The colour of class <paramref name="label"/>.</summary>
    public static Rgb ClassColor(int label) => Palette[((label % Palette.Length) + Palette.Length) % Palette.Length];

    /// <summary>Pixel size of the figure for <paramref name="clusters"/> panels.</summary>
    public static (int Width, int Height) Size(int clusters)
    {
        int panels = Math.Max(1, clusters);
        int columns = Math.Min(MaxColumns, panels);
        int rows = (panels + columns - 1) / columns;
        return (columns * CellWidth, LegendHeight + (rows * (TitleHeight + AxesSize + Margin)));
    }

    internal static SKBitmap Rasterise(SpiralScatter scatter)
    {
        ArgumentNullException.ThrowIfNull(scatter);
        int panels = Math.Max(1, scatter.ClusterCount);
        int columns = Math.Min(MaxColumns, panels);
        var (width, height) = Size(panels);
        var bitmap = FigureRaster.Create(width, height, SKColors.White);
        using var canvas = new SKCanvas(bitmap);
        using var font = FigureFont.Create(TitleSize);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        DrawLegend(canvas, width, scatter.Classes, font, text);

        // One extent for every panel (as the reference's shared axes), a little beyond the farthest coordinate.
        double extent = 0;
        for (int i = 0; i < scatter.Count; i++)
        {
            extent = Math.Max(extent, Math.Max(Math.Abs(scatter.X1[i]), Math.Abs(scatter.X2[i])));
        }

        extent = double.IsFinite(extent) && extent > 0 ? extent * 1.05 : 1;
        var byCluster = Enumerable.Range(0, scatter.Count).ToLookup(i => scatter.Clusters[i]);

        // Long ids or radii: every title in the short form, so none runs into the next panel.
        bool shortTitles = Enumerable.Range(0, panels).Any(p => font.MeasureText(Title(scatter, p, shortForm: false)) > CellWidth - 4);
        using var axis = new SKPaint { Color = AxisGrey, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var frame = new SKPaint { Color = SKColors.Black, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (int p = 0; p < panels; p++)
        {
            int left = ((p % columns) * CellWidth) + ((CellWidth - AxesSize) / 2);
            int top = LegendHeight + ((p / columns) * (TitleHeight + AxesSize + Margin)) + TitleHeight;
            canvas.DrawLine(left + (AxesSize / 2) + 0.5f, top, left + (AxesSize / 2) + 0.5f, top + AxesSize, axis);
            canvas.DrawLine(left, top + (AxesSize / 2) + 0.5f, left + AxesSize, top + (AxesSize / 2) + 0.5f, axis);
            canvas.Save();
            canvas.ClipRect(new SKRect(left + 1, top + 1, left + AxesSize - 1, top + AxesSize - 1));
            var members = byCluster[p];
            for (int label = 0; label < Math.Max(1, scatter.Classes); label++)
            {
                dot.Color = ClassColor(label).ToSk();
                foreach (int i in members.Where(i => scatter.Labels[i] == label))
                {
                    double x = left + ((scatter.X1[i] + extent) / (2 * extent) * AxesSize);
                    double y = top + ((extent - scatter.X2[i]) / (2 * extent) * AxesSize);
                    if (double.IsFinite(x) && double.IsFinite(y))
                    {
                        canvas.DrawCircle((float)x, (float)y, PointRadius, dot);
                    }
                }
            }

            canvas.Restore();
            canvas.DrawRect(left + 0.5f, top + 0.5f, AxesSize - 1, AxesSize - 1, frame);
            canvas.DrawCentredText(Title(scatter, p, shortTitles), left + (AxesSize / 2f), top - (TitleHeight / 2f), font, text);
        }

        canvas.Flush();
        return bitmap;
    }

    private static string Title(SpiralScatter scatter, int cluster, bool shortForm)
    {
        string radius = cluster < scatter.Radii.Count ? scatter.Radii[cluster].ToString("0.00", CultureInfo.InvariantCulture) : "?";
        return shortForm ? $"{cluster}: r={radius}" : $"cluster {cluster}, r = {radius}";
    }

    private static void DrawLegend(SKCanvas canvas, int width, int classes, SKFont font, SKPaint text)
    {
        const int EntryWidth = 72;
        float left = (width - (classes * EntryWidth)) / 2f;
        using var dot = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        for (int label = 0; label < classes; label++)
        {
            float x = left + (label * EntryWidth);
            dot.Color = ClassColor(label).ToSk();
            canvas.DrawCircle(x + 8, LegendHeight / 2f, 5, dot);
            canvas.DrawText($"class {label}", x + 18, (LegendHeight / 2f) + 5, SKTextAlign.Left, font, text);
        }
    }
}
