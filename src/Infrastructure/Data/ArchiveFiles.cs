namespace DigitForge.Infrastructure.Data;

/// <summary>
/// The one-archive sources: file name, size and checksums of the archive, and its mirrors. CIFAR-10:
/// cifar-10-binary.tar.gz from the author's page (MD5 as torchvision and the CIFAR page publish it; SHA-256 as
/// tensorflow/datasets' url_checksums). EMNIST: NIST's gzip.zip (MD5: torchvision's EMNIST.md5; SHA-256 and size:
/// tensorflow/datasets' url_checksums/emnist.txt).
/// </summary>
/// <param name="Source">The source name.</param>
/// <param name="FileName">The archive's file name, appended to each mirror.</param>
/// <param name="Size">Bytes of the archive.</param>
/// <param name="Sha256">Lower-case hex SHA-256 (verified).</param>
/// <param name="Md5">Lower-case hex MD5 (recorded for cross-reference).</param>
public sealed record ArchiveFileSpec(string Source, string FileName, long Size, string Sha256, string? Md5 = null)
{
    public static ArchiveFileSpec Cifar10 { get; } = new(
        KnownSources.Cifar10, "cifar-10-binary.tar.gz", 170_052_171,
        "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd", "c32a1d4ab5d03f1284b67883e8d87530");

    public static ArchiveFileSpec EmnistBalanced { get; } = new(
        KnownSources.EmnistBalanced, "gzip.zip", 561_753_746,
        "fb9bb67e33772a9cc0b895e4ecf36d2cf35be8b709693c3564cea2a019fcda8e", "58c8d27c78d21e728a6bc7b3cc06412e");

    public static IReadOnlyList<string> Cifar10Mirrors { get; } = ["https://www.cs.toronto.edu/~kriz/"];

    public static IReadOnlyList<string> EmnistMirrors { get; } =
    [
        "https://biometrics.nist.gov/cs_links/EMNIST/",
        "http://www.itl.nist.gov/iaui/vip/cs_links/EMNIST/",
    ];

    public static ArchiveFileSpec For(string source) => KnownSources.Validate(source) switch
    {
        KnownSources.Cifar10 => Cifar10,
        KnownSources.EmnistBalanced => EmnistBalanced,
        var other => throw new ArgumentException($"'{other}' is not an archive source; its IDX files download with MnistDownloader.", nameof(source)),
    };
}
