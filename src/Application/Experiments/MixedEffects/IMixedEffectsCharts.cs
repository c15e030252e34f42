namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>The PNGs the leave-one-cluster-out comparison logs (drawn by Infrastructure's plotting).</summary>
public interface IMixedEffectsCharts
{
    /// <summary>One bar per model (mean, with a ±1 s.d. whisker) on a 0..1 axis, each named under its bar, the chart titled.</summary>
    byte[] Bars(string title, IReadOnlyList<(string Name, double Mean, double Sd)> bars);

    /// <summary>A grid of decision-boundary panels, <paramref name="columns"/> per row, each titled with its cluster (held-out in red).</summary>
    byte[] DecisionBoundaries(IReadOnlyList<BoundaryPanel> panels, int columns);
}

/// <summary>
/// One cluster's panel: the predicted class over a <paramref name="GridSize"/> x <paramref name="GridSize"/> grid of
/// (x1, x2) (<paramref name="Probabilities"/> [cell, class], row 0 at the top = max x2) and that cluster's points.
/// </summary>
public sealed record BoundaryPanel(
    int Cluster, int GridSize, int Classes, float[] Probabilities, double MinX, double MaxX, double MinY, double MaxY,
    IReadOnlyList<(double X, double Y, int Label)> Points, bool HeldOut);
