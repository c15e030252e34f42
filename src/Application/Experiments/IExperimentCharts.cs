namespace DigitForge.Application.Experiments;

/// <summary>PNG pictures experiments log (drawn by Infrastructure's own plotting and PNG encoder).</summary>
public interface IExperimentCharts
{
    /// <summary>A confusion matrix: rows are true classes, columns predictions; cells shaded by row share, counts printed.</summary>
    byte[] ConfusionMatrix(long[,] counts);

    /// <summary>Points joined in x order, axes labelled with their range.</summary>
    byte[] LineChart(string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y)> points);
}
