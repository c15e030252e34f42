using DigitForge.Domain.Data;

namespace DigitForge.Application.Corruptions.ExportMnistC;

/// <summary>
/// MNIST-C ready to write: its inputs are loaded and checked, so writing (minutes of CPU, streamed) can start at once.
/// </summary>
public sealed class MnistCExport(IMnistCArchive archive, LabeledImages train, LabeledImages test, ulong seed, IReadOnlyList<string> corruptions)
{
    public LabeledImages Train { get; } = train;

    public LabeledImages Test { get; } = test;

    public ulong Seed { get; } = seed;

    public IReadOnlyList<string> Corruptions { get; } = corruptions;

    /// <summary>Images written in all: corruptions x (train + test).</summary>
    public long TotalImages => (long)Corruptions.Count * (Train.Count + Test.Count);

    /// <summary>The folder the layout is written under (<c>mnist_c</c>).</summary>
    public string Root => archive.Root;

    public Task WriteZipAsync(Stream output, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        archive.WriteZipAsync(output, this, progress, cancellationToken);

    public Task WriteDirectoryAsync(string directory, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        archive.WriteDirectoryAsync(directory, this, progress, cancellationToken);
}
