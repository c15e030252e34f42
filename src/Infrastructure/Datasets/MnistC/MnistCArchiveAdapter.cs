using DigitForge.Application.Corruptions.ExportMnistC;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Data;

namespace DigitForge.Infrastructure.Datasets.MnistC;

/// <summary>The <see cref="IMnistCArchive"/> port over <see cref="MnistCArchive"/>, reading MNIST from the digit source.</summary>
internal sealed class MnistCArchiveAdapter(IDigitSource digits, CorruptionRegistry corruptions) : IMnistCArchive
{
    public string Root => MnistCArchive.Root;

    public Task<(LabeledImages Train, LabeledImages Test)> LoadAsync(int? trainRows, int? testRows, CancellationToken cancellationToken) =>
        MnistCArchive.LoadAsync(digits, trainRows, testRows, cancellationToken);

    public Task WriteZipAsync(Stream output, MnistCExport contents, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return MnistCArchive.WriteAsync(output, contents.Train, contents.Test, contents.Seed, contents.Corruptions, corruptions, progress, cancellationToken);
    }

    public Task WriteDirectoryAsync(string directory, MnistCExport contents, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contents);
        return MnistCArchive.WriteDirectoryAsync(directory, contents.Train, contents.Test, contents.Seed, contents.Corruptions, corruptions, progress, cancellationToken);
    }
}
