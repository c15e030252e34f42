using DigitForge.Application.Mnist1D.PlotMnist1D;
using Mediator;

namespace DigitForge.Application.Mnist1D.DrawMnist1DPlot;

/// <summary>The first signals of a dataset drawn in the reference's figure style, as PNG or SVG.</summary>
public sealed record DrawMnist1DPlotRequest(PlotMnist1DRequest Plot, Mnist1DPlotFormat Format) : IRequest<Mnist1DPlotImage>
{
    /// <summary>Whether the caller already holds the figure with this content id (then nothing is generated).</summary>
    public Func<string, bool>? ClientHolds { get; init; }
}

/// <summary>The figure's content id and, unless the caller holds it, the figure.</summary>
public sealed record Mnist1DPlotImage(string ContentId, Common.FileContent? File);
