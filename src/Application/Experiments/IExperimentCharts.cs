namespace DigitForge.Application.Experiments;

/// <summary>PNG pictures experiments log (drawn by Infrastructure's plotting: ScottPlot and SkiaSharp, with real text).</summary>
public interface IExperimentCharts
{
    /// <summary>
    /// A confusion matrix: rows are true classes, columns predictions; cells shaded by row share, counts printed, the
    /// axes named and each class labelled with <paramref name="classNames"/> (its index when null).
    /// </summary>
    byte[] ConfusionMatrix(long[,] counts, IReadOnlyList<string>? classNames = null);

    /// <summary>Points joined in x order, with the title, axis labels and ticks.</summary>
    byte[] LineChart(string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points);

    /// <summary>A kind's heatmap raster (scaled by <see cref="HeatmapPicture.Scale"/>) with its title, row labels and colour bar.</summary>
    byte[] Heatmap(HeatmapPicture picture);

    /// <summary>uint8 pixels row-major, channels last (1 gray, 3 RGB), as a PNG (what a training task hands back).</summary>
    byte[] Picture(int height, int width, int channels, ReadOnlySpan<byte> pixels);
}
