namespace DigitForge.Application.Spirals;

/// <summary>Limits of the spiral plots, bound from configuration section <c>DigitForge:Spirals</c>.</summary>
public sealed class SpiralOptions
{
    public const string SectionName = "DigitForge:Spirals";

    /// <summary>Most points one plot draws (a split with more is refused with 400 on <c>points_per_cluster</c> or <c>split</c>).</summary>
    public int MaxPlotPoints { get; set; } = 200_000;
}
