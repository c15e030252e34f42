using System.Globalization;
using DigitForge.Application.Experiments.MixedEffects;
using SkiaSharp;

namespace DigitForge.Infrastructure.Plotting.MixedEffects;

/// <summary>
/// The leave-one-cluster-out charts: accuracy bars with ScottPlot (model names under the bars, ±1 s.d. whiskers, a
/// 0..1 axis), decision-boundary panels with SkiaSharp (each titled with its cluster, the held-out one in red).
/// </summary>
public sealed class MixedEffectsCharts : IMixedEffectsCharts
{
    /// <summary>matplotlib's tab10, the first six.</summary>
    private static readonly SKColor[] Palette = [new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189), new(140, 86, 75)];

    private static readonly SKColor Axis = new(60, 60, 60);
    private static readonly SKColor HeldOut = new(214, 39, 40);

    public const int PanelSize = 120;
    public const int PanelTitleHeight = 18;
    public const int PanelPad = 6;

    public byte[] Bars(string title, IReadOnlyList<(string Name, double Mean, double Sd)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var plot = ScottPlotFigures.Create();
        var items = new List<ScottPlot.Bar>();
        for (int i = 0; i < bars.Count; i++)
        {
            var (_, mean, sd) = bars[i];
            var colour = Palette[i % Palette.Length];
            items.Add(new ScottPlot.Bar
            {
                Position = i,
                Value = double.IsFinite(mean) ? mean : 0,
                Error = double.IsFinite(sd) && double.IsFinite(mean) ? sd : 0,
                FillColor = new ScottPlot.Color(colour.Red, colour.Green, colour.Blue),
            });
        }

        plot.Add.Bars(items);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, bars.Count).Select(i => (double)i)], [.. bars.Select(b => b.Name)]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(0, 1);
        plot.Axes.SetLimitsX(-0.6, Math.Max(0, bars.Count - 1) + 0.6);
        plot.Title(title);
        plot.YLabel("accuracy");
        int width = Math.Max(360, 80 + (bars.Count * 110));
        return ScottPlotFigures.Png(plot, width, 360);
    }

    public byte[] DecisionBoundaries(IReadOnlyList<BoundaryPanel> panels, int columns)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        using var bitmap = RasteriseBoundaries(panels, columns);
        return FigureRaster.EncodePng(bitmap);
    }

    internal static SKBitmap RasteriseBoundaries(IReadOnlyList<BoundaryPanel> panels, int columns)
    {
        int rows = Math.Max(1, (panels.Count + columns - 1) / columns);
        var bitmap = FigureRaster.Create(PanelPad + (columns * (PanelSize + PanelPad)), PanelPad + (rows * (PanelSize + PanelTitleHeight + PanelPad)), SKColors.White);
        using var canvas = new SKCanvas(bitmap);
        using var font = FigureFont.Create(12);
        using var text = new SKPaint { IsAntialias = true };
        using var frame = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var dot = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            int left = PanelPad + (p % columns * (PanelSize + PanelPad));
            int top = PanelPad + (p / columns * (PanelSize + PanelTitleHeight + PanelPad)) + PanelTitleHeight;
            using (var regions = Regions(panel))
            {
                // Nearest-neighbour: each grid cell a flat block, as the reference's pcolormesh.
                canvas.DrawBitmap(regions, new SKRect(left, top, left + PanelSize, top + PanelSize), new SKSamplingOptions(SKFilterMode.Nearest), null);
            }

            canvas.Save();
            canvas.ClipRect(new SKRect(left, top, left + PanelSize, top + PanelSize));
            foreach (var (x, y, cls) in panel.Points)
            {
                float px = (float)(left + ((x - panel.MinX) / (panel.MaxX - panel.MinX) * PanelSize));
                float py = (float)(top + ((panel.MaxY - y) / (panel.MaxY - panel.MinY) * PanelSize));
                if (float.IsFinite(px) && float.IsFinite(py))
                {
                    dot.Color = Palette[cls % Palette.Length];
                    canvas.DrawCircle(px, py, 1.5f, dot);
                }
            }

            canvas.Restore();
            var colour = panel.HeldOut ? HeldOut : Axis;
            frame.Color = colour;
            text.Color = colour;
            canvas.DrawRect(left + 0.5f, top + 0.5f, PanelSize - 1, PanelSize - 1, frame);
            string title = string.Create(CultureInfo.InvariantCulture, $"cluster {panel.Cluster}{(panel.HeldOut ? " (held out)" : string.Empty)}");
            canvas.DrawCentredText(title, left + (PanelSize / 2f), top - (PanelTitleHeight / 2f), font, text);
        }

        canvas.Flush();
        return bitmap;
    }

    /// <summary>The predicted class of each grid cell as a GridSize x GridSize bitmap, class colours lightened.</summary>
    private static SKBitmap Regions(BoundaryPanel panel)
    {
        int n = Math.Max(1, panel.GridSize);
        var regions = FigureRaster.Create(n, n, SKColors.White);
        for (int gy = 0; gy < panel.GridSize; gy++)
        {
            for (int gx = 0; gx < panel.GridSize; gx++)
            {
                int cell = (gy * panel.GridSize) + gx;
                int best = 0;
                for (int c = 1; c < panel.Classes; c++)
                {
                    if (panel.Probabilities[(cell * panel.Classes) + c] > panel.Probabilities[(cell * panel.Classes) + best])
                    {
                        best = c;
                    }
                }

                regions.SetPixel(gx, gy, Lighten(Palette[best % Palette.Length], 0.72));
            }
        }

        return regions;
    }

    private static SKColor Lighten(SKColor c, double amount) => new(
        (byte)(c.Red + ((255 - c.Red) * amount)), (byte)(c.Green + ((255 - c.Green) * amount)), (byte)(c.Blue + ((255 - c.Blue) * amount)));
}
