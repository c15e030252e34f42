using DigitForge.Application.Mnist1D.GenerateMnist1D;
using Mediator;

namespace DigitForge.Application.Mnist1D.ExportMnist1D;

/// <summary>A whole MNIST-1D dataset as an .npz (the reference's keys) or JSON file.</summary>
/// <param name="Dataset">The reference's arguments and the mode.</param>
/// <param name="Format">npz or json.</param>
public sealed record ExportMnist1DRequest(GenerateMnist1DRequest Dataset, Mnist1DFileFormat Format) : IRequest<Mnist1DExport>
{
    /// <summary>Receives the number of samples generated so far (reference mode generates before writing).</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Whether the caller already holds the output with this content id (then nothing is generated).</summary>
    public Func<string, bool>? ClientHolds { get; init; }
}
