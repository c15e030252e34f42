using DigitForge.Application.Mnist1D.GenerateMnist1D;

namespace DigitForge.Application.Mnist1D.ExportMnist1D;

/// <summary>
/// A dataset ready to write (reference mode has generated it, so a failure is still reported before the first byte),
/// or only its content id when the caller holds it (<see cref="Data"/> null).
/// </summary>
public sealed class Mnist1DExport(string contentId, Mnist1DFileFormat format, GeneratedMnist1D? data, IMnist1DFileWriter writer)
{
    public string ContentId { get; } = contentId;

    public Mnist1DFileFormat Format { get; } = format;

    public GeneratedMnist1D? Data { get; } = data;

    public string ContentType => Mnist1DFormats.ContentType(Format);

    /// <summary>The reference caches its dataset as mnist1d_data.pkl; the file is named the same with our extension.</summary>
    public string FileName => "mnist1d_data" + Mnist1DFormats.Extension(Format);

    /// <summary>Streams the dataset, generating keyed rows as they are written.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellationToken) =>
        writer.WriteAsync(output, Data ?? throw new InvalidOperationException("The caller holds this dataset; there is nothing to write."), Format, cancellationToken);
}
