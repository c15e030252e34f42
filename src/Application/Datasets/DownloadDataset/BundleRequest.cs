namespace DigitForge.Application.Datasets.DownloadDataset;

/// <summary>Which bundle of a dataset: a format, plus the split (npy, parquet) and array (npy).</summary>
public sealed record BundleRequest(BundleFormat Format, string? Split = null, string? Array = null)
{
    /// <summary>Parses <c>npz</c>, <c>npy</c>, <c>zip</c> or <c>parquet</c> (case-insensitive); throws a 400 naming <c>format</c>.</summary>
    public static BundleFormat ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "npz" => BundleFormat.Npz,
        "npy" => BundleFormat.Npy,
        "zip" => BundleFormat.Zip,
        "parquet" => BundleFormat.Parquet,
        _ => throw new Common.RequestValidationException("format", $"Unknown format '{format}'. Use npz, npy, zip or parquet."),
    };

    /// <summary>
    /// The entity tag: content id plus what of it is sent, e.g. <c>"&lt;id&gt;.npy.train.x"</c>; the zip's also names its
    /// <see cref="BundleLayout.ZipVersion"/>.
    /// </summary>
    public string EntityTag(string datasetId) => Format switch
    {
        BundleFormat.Npy => $"\"{datasetId}.npy.{Split}.{Array}\"",
        BundleFormat.Zip => $"\"{datasetId}.zip.{BundleLayout.ZipVersion}\"",
        BundleFormat.Parquet => $"\"{datasetId}.parquet.{Split}.{BundleLayout.ParquetVersion}\"",
        _ => $"\"{datasetId}.{Format.ToString().ToLowerInvariant()}\"",
    };
}
