namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// A source the corruption generators can corrupt, with the shape its images have, so a layout is known before any
/// data is loaded. EMNIST and CIFAR-10 are served only where the data directory holds them.
/// </summary>
public sealed record CorruptionSource(string Name, int Size, int Channels, int TrainImages, int TestImages, string Classes)
{
    public static IReadOnlyList<CorruptionSource> All { get; } =
    [
        new("mnist", 28, 1, 60_000, 10_000, "digit 0-9"),
        new("fashion-mnist", 28, 1, 60_000, 10_000, "clothing class 0-9"),
        new("emnist-balanced", 28, 1, 112_800, 18_800, "EMNIST balanced class 0-46"),
        new("cifar10", 32, 3, 50_000, 10_000, "CIFAR-10 class 0-9"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    public static CorruptionSource Get(string name) => All.First(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>Images the source has for a dataset split (source train feeds train, source test every other split).</summary>
    public int ImagesFor(string split) => SourceImagesKey.ForSplit(Name, split).Test ? TestImages : TrainImages;

    /// <summary>Row shape of one image: (size, size) for grey, (size, size, channels) for colour.</summary>
    public int[] ImageShape => Channels == 1 ? [Size, Size] : [Size, Size, Channels];

    /// <summary>The image view for PNG previews; grey only (the view describes one channel).</summary>
    public ImageView? View(string arrayName) => Channels == 1 ? new ImageView(arrayName, Size, Size) : null;
}
