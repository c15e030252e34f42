using DigitForge.Application.Mnist1D.GenerateMnist1D;

namespace DigitForge.Application.Mnist1D;

/// <summary>Writes a whole MNIST-1D dataset as .npz (the reference's keys) or JSON; implemented in Infrastructure/Mnist1D.</summary>
public interface IMnist1DFileWriter
{
    /// <summary>Streams <paramref name="data"/> to <paramref name="output"/> as it is generated (bounded memory).</summary>
    Task WriteAsync(Stream output, GeneratedMnist1D data, Mnist1DFileFormat format, CancellationToken cancellationToken);
}
