using DigitForge.Domain.Data;

namespace DigitForge.Application.Corruptions.ExportMnistC;

/// <summary>MNIST-C's published layout (Infrastructure/Datasets/MnistC): loading its MNIST inputs and writing it.</summary>
public interface IMnistCArchive
{
    /// <summary>The top directory inside the archive, <c>mnist_c</c>.</summary>
    string Root { get; }

    /// <summary>
    /// The first <paramref name="trainRows"/> / <paramref name="testRows"/> MNIST images (all when null); more than the
    /// data directory holds is a validation error naming <c>train</c> or <c>test</c>.
    /// </summary>
    Task<(LabeledImages Train, LabeledImages Test)> LoadAsync(int? trainRows, int? testRows, CancellationToken cancellationToken);

    /// <summary>Writes the layout as a stored zip; <paramref name="progress"/> gets the images corrupted so far.</summary>
    Task WriteZipAsync(Stream output, MnistCExport contents, IProgress<long>? progress, CancellationToken cancellationToken);

    /// <summary>Writes the layout under <paramref name="directory"/>, each file renamed into place when complete.</summary>
    Task WriteDirectoryAsync(string directory, MnistCExport contents, IProgress<long>? progress, CancellationToken cancellationToken);
}
