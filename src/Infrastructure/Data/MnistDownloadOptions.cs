namespace DigitForge.Infrastructure.Data;

/// <summary>
/// Mirrors, file tables and timeouts for <see cref="MnistDownloader"/>. Bound from "DigitForge:Download". A null
/// list means the defaults in <see cref="MnistFiles"/>; arrays (not pre-filled lists) so that configuration replaces
/// the defaults instead of appending to them.
/// </summary>
public sealed class MnistDownloadOptions
{
    public const string SectionName = "DigitForge:Download";

    /// <summary>Base addresses tried in order; the file name (e.g. train-images-idx3-ubyte.gz) is appended.</summary>
    public string[]? MnistMirrors { get; set; }

    public string[]? FashionMnistMirrors { get; set; }

    /// <summary>Replaces the official file table (tests serve small fixtures with their own sizes and SHA-256).</summary>
    public IdxFileSpec[]? MnistFiles { get; set; }

    public IdxFileSpec[]? FashionMnistFiles { get; set; }

    /// <summary>Base addresses for cifar-10-binary.tar.gz (default <see cref="ArchiveFileSpec.Cifar10Mirrors"/>).</summary>
    public string[]? Cifar10Mirrors { get; set; }

    /// <summary>Base addresses for EMNIST's gzip.zip (default <see cref="ArchiveFileSpec.EmnistMirrors"/>).</summary>
    public string[]? EmnistMirrors { get; set; }

    /// <summary>Replaces the official CIFAR-10 archive's name, size and SHA-256 (tests serve small fixtures).</summary>
    public ArchiveFileSpec? Cifar10Archive { get; set; }

    public ArchiveFileSpec? EmnistArchive { get; set; }

    /// <summary>How long to wait for a mirror's response headers.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a download may go without receiving a byte before the mirror counts as failed.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public IReadOnlyList<Uri> MirrorsFor(string source)
    {
        string name = KnownSources.Validate(source);
        IReadOnlyList<string> mirrors = name == KnownSources.FashionMnist
            ? FashionMnistMirrors ?? Data.MnistFiles.FashionMnistMirrors
            : MnistMirrors ?? Data.MnistFiles.MnistMirrors;
        return [.. mirrors.Select(ToBaseUri)];
    }

    /// <summary>Mirrors of an archive source (cifar10, emnist-balanced).</summary>
    public IReadOnlyList<Uri> ArchiveMirrorsFor(string source)
    {
        string name = KnownSources.Validate(source);
        IReadOnlyList<string> mirrors = name == KnownSources.Cifar10
            ? Cifar10Mirrors ?? ArchiveFileSpec.Cifar10Mirrors
            : EmnistMirrors ?? ArchiveFileSpec.EmnistMirrors;
        return [.. mirrors.Select(ToBaseUri)];
    }

    /// <summary>The archive of an archive source, as configured or the official one.</summary>
    public ArchiveFileSpec ArchiveFor(string source) =>
        KnownSources.Validate(source) == KnownSources.Cifar10
            ? Cifar10Archive ?? ArchiveFileSpec.Cifar10
            : EmnistArchive ?? ArchiveFileSpec.For(source);

    public IReadOnlyList<IdxFileSpec> FilesFor(string source) =>
        KnownSources.Validate(source) == KnownSources.FashionMnist
            ? FashionMnistFiles ?? Data.MnistFiles.FashionMnist
            : MnistFiles ?? Data.MnistFiles.Mnist;

    // Uri combination drops the last segment of a base without a trailing slash (".../mnist" + "x.gz" = ".../x.gz").
    private static Uri ToBaseUri(string mirror)
    {
        string withSlash = mirror.EndsWith('/') ? mirror : mirror + "/";
        return Uri.TryCreate(withSlash, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ArgumentException($"Download mirror '{mirror}' is not an absolute http(s) address.", nameof(mirror));
    }
}
