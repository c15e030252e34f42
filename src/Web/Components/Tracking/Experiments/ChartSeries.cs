namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>One line of a <see cref="LineChart"/>: x values and y values (null: a gap).</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double?> Y);

/// <summary>Colours for series, in order (distinguishable, and readable in both themes).</summary>
public static class SeriesColours
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public static string Of(int index) => Palette[((index % Palette.Length) + Palette.Length) % Palette.Length];
}
