using System.Globalization;
using DigitForge.Application.Experiments;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// The PNGs experiments log, drawn on our own RGB canvas (numbers only: titles and axis names go into the image's
/// caption, the bitmap font has digits and a few letters).
/// </summary>
public sealed class ExperimentCharts : IExperimentCharts
{
    private static readonly Rgb Axis = new(60, 60, 60);
    private static readonly Rgb Line = new(31, 119, 180);
    private static readonly Rgb Grid = new(225, 225, 225);

    public byte[] Picture(int height, int width, int channels, ReadOnlySpan<byte> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if ((long)height * width * channels != pixels.Length)
        {
            throw new ArgumentException($"{pixels.Length} bytes are not {height}x{width}x{channels} pixels.", nameof(pixels));
        }

        return channels switch
        {
            1 => PngEncoder.EncodeGray8(pixels, width, height),
            3 => PngEncoder.EncodeRgb8(pixels, width, height),
            _ => throw new ArgumentException($"{channels} channels: only gray (1) and RGB (3) pictures.", nameof(channels)),
        };
    }

    public byte[] ConfusionMatrix(long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int classes = counts.GetLength(0);
        long max = 0;
        foreach (long c in counts)
        {
            max = Math.Max(max, c);
        }

        int cell = Math.Max(6 * (BitmapFont.GlyphWidth + BitmapFont.Spacing), 20);
        const int margin = 20;
        var canvas = new RgbCanvas(margin + (classes * cell) + 2, margin + (classes * cell) + 2, Rgb.White);
        for (int row = 0; row < classes; row++)
        {
            long total = 0;
            for (int column = 0; column < classes; column++)
            {
                total += counts[row, column];
            }

            canvas.DrawText(row.ToString(CultureInfo.InvariantCulture), margin / 2.0, margin + (row * cell) + (cell / 2.0), 1, Axis);
            canvas.DrawText(row.ToString(CultureInfo.InvariantCulture), margin + (row * cell) + (cell / 2.0), margin / 2.0, 1, Axis);
            for (int column = 0; column < classes; column++)
            {
                double share = total == 0 ? 0 : counts[row, column] / (double)total;
                var fill = new Rgb((byte)(255 - (share * 224)), (byte)(255 - (share * 160)), (byte)(255 - (share * 80)));
                int left = margin + (column * cell);
                int top = margin + (row * cell);
                canvas.FillRect(left, top, cell, cell, fill);
                canvas.StrokeRect(left, top, cell + 1, cell + 1, Grid);
                if (counts[row, column] > 0 && classes <= 40)
                {
                    canvas.DrawText(counts[row, column].ToString(CultureInfo.InvariantCulture), left + (cell / 2.0), top + (cell / 2.0), 1, share > 0.5 ? Rgb.White : Axis);
                }
            }
        }

        return PngEncoder.EncodeRgb8(canvas.Pixels, canvas.Width, canvas.Height);
    }

    public byte[] LineChart(string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        const int width = 480, height = 320, left = 56, right = 16, top = 16, bottom = 32;
        var canvas = new RgbCanvas(width, height, Rgb.White);
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToList();
        double xMin = finite.Count > 0 ? finite.Min(p => p.X) : 0, xMax = finite.Count > 0 ? finite.Max(p => p.X) : 1;
        double yMin = finite.Count > 0 ? finite.Min(p => p.Y) : 0, yMax = finite.Count > 0 ? finite.Max(p => p.Y) : 1;
        if (xMax == xMin)
        {
            (xMin, xMax) = (xMin - 1, xMax + 1);
        }

        if (yMax == yMin)
        {
            (yMin, yMax) = (yMin - 0.5, yMax + 0.5);
        }

        int plotWidth = width - left - right, plotHeight = height - top - bottom;
        int Px(double x) => left + (int)Math.Round((x - xMin) / (xMax - xMin) * plotWidth);
        int Py(double y) => top + plotHeight - (int)Math.Round((y - yMin) / (yMax - yMin) * plotHeight);

        for (int i = 0; i <= 4; i++)
        {
            canvas.FillRect(left, top + (i * plotHeight / 4), plotWidth, 1, Grid);
        }

        canvas.FillRect(left, top, 1, plotHeight + 1, Axis);
        canvas.FillRect(left, top + plotHeight, plotWidth + 1, 1, Axis);
        canvas.DrawText(Format(yMax), left / 2.0, top + 4, 1, Axis);
        canvas.DrawText(Format(yMin), left / 2.0, top + plotHeight - 4, 1, Axis);
        canvas.DrawText(Format(xMin), left + 12, height - (bottom / 2.0), 1, Axis);
        canvas.DrawText(Format(xMax), width - right - 12, height - (bottom / 2.0), 1, Axis);

        for (int i = 1; i < finite.Count; i++)
        {
            DrawLine(canvas, Px(finite[i - 1].X), Py(finite[i - 1].Y), Px(finite[i].X), Py(finite[i].Y));
        }

        foreach (var (x, y) in finite)
        {
            canvas.FillRect(Px(x) - 2, Py(y) - 2, 5, 5, Line);
        }

        return PngEncoder.EncodeRgb8(canvas.Pixels, canvas.Width, canvas.Height);
    }

    private static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>Bresenham, two pixels thick.</summary>
    private static void DrawLine(RgbCanvas canvas, int x0, int y0, int x1, int y1)
    {
        int dx = Math.Abs(x1 - x0), dy = -Math.Abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
        int error = dx + dy;
        while (true)
        {
            canvas.FillRect(x0, y0, 2, 2, Line);
            if (x0 == x1 && y0 == y1)
            {
                return;
            }

            int e2 = 2 * error;
            if (e2 >= dy)
            {
                error += dy;
                x0 += sx;
            }

            if (e2 <= dx)
            {
                error += dx;
                y0 += sy;
            }
        }
    }
}
