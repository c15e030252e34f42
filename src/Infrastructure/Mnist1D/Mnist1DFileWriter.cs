using DigitForge.Application.Mnist1D;
using DigitForge.Application.Mnist1D.GenerateMnist1D;

namespace DigitForge.Infrastructure.Mnist1D;

/// <summary><see cref="IMnist1DFileWriter"/> over <see cref="Mnist1DNpzWriter"/> and <see cref="Mnist1DJsonWriter"/>.</summary>
public sealed class Mnist1DFileWriter : IMnist1DFileWriter
{
    public Task WriteAsync(Stream output, GeneratedMnist1D data, Mnist1DFileFormat format, CancellationToken cancellationToken) =>
        format == Mnist1DFileFormat.Json
            ? Mnist1DJsonWriter.WriteAsync(output, data, cancellationToken)
            : Mnist1DNpzWriter.WriteAsync(output, data, cancellationToken);
}

/// <summary><see cref="IMnist1DPlotter"/> over <see cref="Mnist1DPlots"/>.</summary>
public sealed class Mnist1DPlotter : IMnist1DPlotter
{
    public Application.Common.FileContent Samples(Mnist1DSignals signals, Mnist1DPlotFormat format) => Mnist1DPlots.Encode(Mnist1DPlots.Samples(signals), format);

    public Application.Common.FileContent Templates(Mnist1DSignals templates, Mnist1DPlotFormat format) => Mnist1DPlots.Encode(Mnist1DPlots.Templates(templates), format);
}
