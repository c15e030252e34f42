using DigitForge.Application.Experiments;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// The PNGs experiments log: line charts with ScottPlot (title, axis labels, ticks), confusion matrices drawn with
/// SkiaSharp (class names on both axes, counts in the cells), kinds' heatmaps framed with titles, row labels and a colour
/// bar (SkiaSharp), pictures from raw pixels (our encoder: bench/README.md, "PNG codec").
/// </summary>
public sealed class ExperimentCharts : IExperimentCharts
{
    /// <summary>Pixel size of <see cref="LineChart"/>'s PNG.</summary>
    public const int LineChartWidth = 640;
    public const int LineChartHeight = 420;

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

    public byte[] ConfusionMatrix(long[,] counts, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        using var bitmap = ConfusionMatrixFigure.Rasterise(counts, classNames);
        return FigureRaster.EncodePng(bitmap);
    }

    public byte[] Heatmap(HeatmapPicture picture)
    {
        using var bitmap = HeatmapFigure.Rasterise(picture);
        return FigureRaster.EncodePng(bitmap);
    }

    public byte[] LineChart(string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToList();
        var plot = ScottPlotFigures.Create();
        if (finite.Count > 0)
        {
            var line = plot.Add.Scatter(finite.Select(p => p.X).ToArray(), finite.Select(p => p.Y).ToArray(), ScottPlot.Color.FromHex("#1f77b4"));
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }
        else
        {
            plot.Add.Text("no finite points", 0, 0);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return ScottPlotFigures.Png(plot, LineChartWidth, LineChartHeight);
    }
}
