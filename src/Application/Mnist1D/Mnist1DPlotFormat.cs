namespace DigitForge.Application.Mnist1D;

/// <summary>Image formats of MNIST-1D plots.</summary>
public enum Mnist1DPlotFormat
{
    Png = 0,
    Svg = 1,
}
