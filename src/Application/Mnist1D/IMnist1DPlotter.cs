using DigitForge.Application.Common;

namespace DigitForge.Application.Mnist1D;

/// <summary>MNIST-1D figures in the reference's style (PNG or SVG); implemented in Infrastructure/Plotting.</summary>
public interface IMnist1DPlotter
{
    /// <summary>Signals as lines, one panel per signal titled with its label.</summary>
    FileContent Samples(Mnist1DSignals signals, Mnist1DPlotFormat format);

    /// <summary>The ten templates as markers on black (the reference's <c>dark_mode=True</c>).</summary>
    FileContent Templates(Mnist1DSignals templates, Mnist1DPlotFormat format);
}
