using DigitForge.Application.Spirals.PlotSpirals;

namespace DigitForge.Application.Spirals;

/// <summary>Draws a spiral scatter (one panel per cluster, points coloured by class); implemented in Infrastructure/Plotting.</summary>
public interface ISpiralPlotRenderer
{
    /// <summary>The figure as PNG.</summary>
    byte[] RenderPng(SpiralScatter scatter);
}
