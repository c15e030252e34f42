namespace DigitForge.Application.Spirals.PlotSpirals;

/// <summary>
/// The points of one spiral split, ready to draw one panel per cluster coloured by class (like the reference's
/// clusters.svg): coordinates x1, x2, class and cluster per point, and each cluster's radius.
/// </summary>
public sealed record SpiralScatter(
    string Split,
    int Classes,
    IReadOnlyList<double> Radii,
    double[] X1,
    double[] X2,
    int[] Labels,
    int[] Clusters)
{
    public int Count => X1.Length;

    public int ClusterCount => Radii.Count;
}
