namespace DigitForge.Application.Datasets.DownloadDataset;

/// <summary>
/// Versions of the bundle layouts whose bytes are not fixed by the dataset alone. The zip's entity tag carries its
/// version, so a client holding a zip made with an older layout gets the new one instead of a 304.
/// </summary>
public static class BundleLayout
{
    /// <summary>1.1.0: <c>&lt;split&gt;/morphometrics.csv</c> in datasets that carry morphometrics.</summary>
    public const string ZipVersion = "1.1.0";

    /// <summary>1.0.0: the Hugging Face datasets layout, one file per split.</summary>
    public const string ParquetVersion = "1.0.0";
}
