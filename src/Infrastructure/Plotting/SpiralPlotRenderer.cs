using System.Globalization;
using DigitForge.Application.Spirals.PlotSpirals;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// Draws a <see cref="SpiralScatter"/> as an RGB PNG like the ARMED reference's clusters.svg: one square panel per
/// cluster (five per row) titled with the cluster and its radius, points coloured by class (matplotlib's tab10 cycle),
/// every panel on the same axes so the clusters' radii compare at a glance; a legend of the classes on top.
/// </summary>
public static class SpiralPlotRenderer
{
    public const int MaxColumns = 5;
    public const int CellWidth = 216;
    public const int TitleHeight = 24;
    public const int AxesSize = 200;
    public const int LegendHeight = 28;
    private const int Margin = 8;
    private const int TextScale = 2;
    private const double PointRadius = 1.6;

    /// <summary>matplotlib's default colour cycle (tab10), the reference's class colours.</summary>
    private static readonly Rgb[] Palette =
    [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd),
        new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf),
    ];

    private static readonly Rgb AxisGrey = new(0xdd, 0xdd, 0xdd);

    public static byte[] Render(SpiralScatter scatter)
    {
        var canvas = Rasterise(scatter);
        return PngEncoder.EncodeRgb8(canvas.Pixels, canvas.Width, canvas.Height);
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

    internal static RgbCanvas Rasterise(SpiralScatter scatter)
    {
        ArgumentNullException.ThrowIfNull(scatter);
        int panels = Math.Max(1, scatter.ClusterCount);
        int columns = Math.Min(MaxColumns, panels);
        var (width, height) = Size(panels);
        var canvas = new RgbCanvas(width, height, Rgb.White);
        DrawLegend(canvas, scatter.Classes);

        // One extent for every panel (as the reference's shared axes), a little beyond the farthest coordinate.
        double extent = 0;
        for (int i = 0; i < scatter.Count; i++)
        {
            extent = Math.Max(extent, Math.Max(Math.Abs(scatter.X1[i]), Math.Abs(scatter.X2[i])));
        }

        extent = double.IsFinite(extent) && extent > 0 ? extent * 1.05 : 1;
        var byCluster = Enumerable.Range(0, scatter.Count).ToLookup(i => scatter.Clusters[i]);

        // Long ids or radii: every title in the short form, so none runs into the next panel.
        bool shortTitles = Enumerable.Range(0, panels).Any(p => BitmapFont.Measure(Title(scatter, p, shortForm: false)) * TextScale > CellWidth - 4);
        for (int p = 0; p < panels; p++)
        {
            int left = ((p % columns) * CellWidth) + ((CellWidth - AxesSize) / 2);
            int top = LegendHeight + ((p / columns) * (TitleHeight + AxesSize + Margin)) + TitleHeight;
            canvas.FillRect(left + (AxesSize / 2), top, 1, AxesSize, AxisGrey);
            canvas.FillRect(left, top + (AxesSize / 2), AxesSize, 1, AxisGrey);
            var members = byCluster[p];
            for (int label = 0; label < Math.Max(1, scatter.Classes); label++)
            {
                var mask = new CoverageMask(left + 1, top + 1, AxesSize - 2, AxesSize - 2);
                foreach (int i in members.Where(i => scatter.Labels[i] == label))
                {
                    double x = left + ((scatter.X1[i] + extent) / (2 * extent) * AxesSize);
                    double y = top + ((extent - scatter.X2[i]) / (2 * extent) * AxesSize);
                    if (double.IsFinite(x) && double.IsFinite(y))
                    {
                        mask.AddDisc(x, y, PointRadius);
                    }
                }

                canvas.Composite(mask, ClassColor(label));
            }

            canvas.StrokeRect(left, top, AxesSize, AxesSize, Rgb.Black);
            canvas.DrawText(Title(scatter, p, shortTitles), left + (AxesSize / 2.0), top - (TitleHeight / 2.0), TextScale, Rgb.Black);
        }

        return canvas;
    }

    private static string Title(SpiralScatter scatter, int cluster, bool shortForm)
    {
        string radius = cluster < scatter.Radii.Count ? scatter.Radii[cluster].ToString("0.00", CultureInfo.InvariantCulture) : "?";
        return shortForm ? $"{cluster} r={radius}" : $"cluster {cluster} r={radius}";
    }

    private static void DrawLegend(RgbCanvas canvas, int classes)
    {
        const int EntryWidth = 64;
        double left = (canvas.Width - (classes * EntryWidth)) / 2.0;
        for (int label = 0; label < classes; label++)
        {
            double x = left + (label * EntryWidth);
            var mask = new CoverageMask((int)x, 4, 16, 20);
            mask.AddDisc(x + 8, LegendHeight / 2.0, 5);
            canvas.Composite(mask, ClassColor(label));
            canvas.DrawText($"y={label}", x + 38, LegendHeight / 2.0, TextScale, Rgb.Black);
        }
    }
}
