namespace DigitForge.Infrastructure.Data;

/// <summary>
/// The source names the data directory knows; each is a folder below it. MNIST, Fashion-MNIST and EMNIST balanced are
/// IDX files; CIFAR-10 keeps its binary records (<see cref="CifarBinary"/>).
/// </summary>
public static class KnownSources
{
    public const string Mnist = "mnist";
    public const string FashionMnist = "fashion-mnist";

    /// <summary>EMNIST balanced (47 classes), stored upright (transposed from the published files, as the reference).</summary>
    public const string EmnistBalanced = "emnist-balanced";

    /// <summary>CIFAR-10, binary version: 32x32x3, HWC interleaved once loaded.</summary>
    public const string Cifar10 = "cifar10";

    public static IReadOnlyList<string> All { get; } = [Mnist, FashionMnist, EmnistBalanced, Cifar10];

    /// <summary>Sources that come as one archive (zip, tar.gz) rather than four IDX .gz files.</summary>
    public static bool IsArchive(string source) => source is EmnistBalanced or Cifar10;

    /// <summary>Returns the canonical name; an unknown name is an <see cref="ArgumentException"/> naming it.</summary>
    public static string Validate(string source, string? paramName = "source")
    {
        foreach (string known in All)
        {
            if (string.Equals(known, source, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new ArgumentException(
            Domain.Datasets.UnsupportedSources.Reason(source) ?? $"Unknown data source '{source}'. Known sources: {string.Join(", ", All)}.", paramName);
    }
}
