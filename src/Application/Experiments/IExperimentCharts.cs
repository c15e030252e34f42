namespace DigitForge.Application.Experiments;

/// <summary>PNG pictures experiments log (drawn by Infrastructure's own plotting and PNG encoder).</summary>
public interface IExperimentCharts
{
    /// <summary>A confusion matrix: rows are true classes, columns predictions; cells shaded by row share, counts printed.</summary>
    byte[] ConfusionMatrix(long[,] counts);

    /// <summary>Points joined in x order, axes labelled with their range.</summary>
    byte[] LineChart(string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points);

    /// <summary>uint8 pixels row-major, channels last (1 gray, 3 RGB), as a PNG (what a training task hands back).</summary>
    byte[] Picture(int height, int width, int channels, ReadOnlySpan<byte> pixels);
}
