namespace DigitForge.Infrastructure.Plotting;

/// <summary>What every ScottPlot figure shares: the embedded font, white background, PNG bytes.</summary>
internal static class ScottPlotFigures
{
    /// <summary>A new plot whose text is drawn in <see cref="FigureFont"/>.</summary>
    public static ScottPlot.Plot Create()
    {
        FigureFont.EnsureScottPlotUsesIt();
        var plot = new ScottPlot.Plot();
        plot.FigureBackground.Color = ScottPlot.Colors.White;
        plot.DataBackground.Color = ScottPlot.Colors.White;
        return plot;
    }

    public static byte[] Png(ScottPlot.Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
    }
}
