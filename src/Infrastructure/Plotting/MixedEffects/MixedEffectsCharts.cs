using System.Globalization;
using DigitForge.Application.Experiments.MixedEffects;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Plotting.MixedEffects;

/// <summary>Bar charts and decision-boundary panels on our RGB canvas (numbers only; captions carry the words).</summary>
public sealed class MixedEffectsCharts : IMixedEffectsCharts
{
    private static readonly Rgb Axis = new(60, 60, 60);
    private static readonly Rgb Grid = new(225, 225, 225);
    private static readonly Rgb[] Palette = [new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189), new(140, 86, 75)];

    public byte[] Bars(IReadOnlyList<(double Mean, double Sd)> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        const int plotHeight = 200, left = 36, top = 10, bottom = 22, barWidth = 36, gap = 16;
        int width = left + gap + (bars.Count * (barWidth + gap));
        var canvas = new RgbCanvas(width, top + plotHeight + bottom, Rgb.White);
        for (int tick = 0; tick <= 10; tick += 2)
        {
            int y = top + plotHeight - (tick * plotHeight / 10);
            canvas.FillRect(left, y, width - left, 1, Grid);
            canvas.DrawText((tick / 10.0).ToString("0.0", CultureInfo.InvariantCulture), left / 2.0, y, 1, Axis);
        }

        for (int i = 0; i < bars.Count; i++)
        {
            var (mean, sd) = bars[i];
            int x = left + gap + (i * (barWidth + gap));
            int h = double.IsFinite(mean) ? (int)Math.Round(Math.Clamp(mean, 0, 1) * plotHeight) : 0;
            canvas.FillRect(x, top + plotHeight - h, barWidth, h, Palette[i % Palette.Length]);
            if (double.IsFinite(sd) && double.IsFinite(mean))
            {
                int low = top + plotHeight - (int)Math.Round(Math.Clamp(mean - sd, 0, 1) * plotHeight);
                int high = top + plotHeight - (int)Math.Round(Math.Clamp(mean + sd, 0, 1) * plotHeight);
                canvas.FillRect(x + (barWidth / 2), high, 1, Math.Max(1, low - high), Axis);
                canvas.FillRect(x + (barWidth / 2) - 4, high, 9, 1, Axis);
                canvas.FillRect(x + (barWidth / 2) - 4, low, 9, 1, Axis);
            }

            canvas.DrawText((i + 1).ToString(CultureInfo.InvariantCulture), x + (barWidth / 2.0), top + plotHeight + (bottom / 2.0), 1, Axis);
        }

        canvas.FillRect(left, top, 1, plotHeight, Axis);
        canvas.FillRect(left, top + plotHeight, width - left, 1, Axis);
        return PngEncoder.EncodeRgb8(canvas.Pixels, canvas.Width, canvas.Height);
    }

    public byte[] DecisionBoundaries(IReadOnlyList<BoundaryPanel> panels, int columns)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        const int size = 120, pad = 6, label = 12;
        int rows = Math.Max(1, (panels.Count + columns - 1) / columns);
        var canvas = new RgbCanvas(pad + (columns * (size + pad)), pad + (rows * (size + label + pad)), Rgb.White);
        for (int p = 0; p < panels.Count; p++)
        {
            var panel = panels[p];
            int left = pad + (p % columns * (size + pad));
            int top = pad + (p / columns * (size + label + pad)) + label;
            canvas.DrawText(panel.Cluster.ToString(CultureInfo.InvariantCulture), left + (size / 2.0), top - (label / 2.0), 1, panel.HeldOut ? new Rgb(214, 39, 40) : Axis);
            for (int py = 0; py < size; py++)
            {
                for (int px = 0; px < size; px++)
                {
                    int gx = px * panel.GridSize / size, gy = py * panel.GridSize / size;
                    int cell = (gy * panel.GridSize) + gx;
                    int best = 0;
                    for (int c = 1; c < panel.Classes; c++)
                    {
                        if (panel.Probabilities[(cell * panel.Classes) + c] > panel.Probabilities[(cell * panel.Classes) + best])
                        {
                            best = c;
                        }
                    }

                    canvas.FillRect(left + px, top + py, 1, 1, Lighten(Palette[best % Palette.Length], 0.72));
                }
            }

            foreach (var (x, y, cls) in panel.Points)
            {
                int px = (int)Math.Round((x - panel.MinX) / (panel.MaxX - panel.MinX) * (size - 1));
                int py = (int)Math.Round((panel.MaxY - y) / (panel.MaxY - panel.MinY) * (size - 1));
                if (px >= 0 && py >= 0 && px < size - 1 && py < size - 1)
                {
                    canvas.FillRect(left + px, top + py, 2, 2, Palette[cls % Palette.Length]);
                }
            }

            canvas.StrokeRect(left, top, size, size, panel.HeldOut ? new Rgb(214, 39, 40) : Axis);
        }

        return PngEncoder.EncodeRgb8(canvas.Pixels, canvas.Width, canvas.Height);
    }

    private static Rgb Lighten(Rgb c, double amount) => new(
        (byte)(c.R + ((255 - c.R) * amount)), (byte)(c.G + ((255 - c.G) * amount)), (byte)(c.B + ((255 - c.B) * amount)));
}
