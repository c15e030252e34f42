namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// A source the corruption generators can corrupt, with the shape its images have, so a layout is known before any
/// data is loaded. EMNIST and CIFAR-10 are served only where the data directory holds them.
/// </summary>
public sealed record CorruptionSource(string Name, int Size, int Channels, int TrainImages, int TestImages, string Classes, int ClassCount)
{
    /// <summary>The held-out split carved from the source's train images (<c>valid_per_class</c> last images of each class).</summary>
    public const string ValidSplit = "valid";

    /// <summary>train, valid, test.</summary>
    public static IReadOnlyList<string> SplitNames { get; } = [DatasetSplitNames.Train, ValidSplit, DatasetSplitNames.Test];

    public static IReadOnlyList<CorruptionSource> All { get; } =
    [
        new("mnist", 28, 1, 60_000, 10_000, "digit 0-9", 10),
        new("fashion-mnist", 28, 1, 60_000, 10_000, "clothing class 0-9", 10),
        new("emnist-balanced", 28, 1, 112_800, 18_800, "EMNIST balanced class 0-46", 47),
        new("cifar10", 32, 3, 50_000, 10_000, "CIFAR-10 class 0-9", 10),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(s => s.Name)];

    public static CorruptionSource Get(string name) => All.First(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>Source images behind a dataset split: train and valid come from the source's train images, test from its test images.</summary>
    public SourceImagesKey KeyFor(string split) => new(Name, string.Equals(split, DatasetSplitNames.Test, StringComparison.Ordinal));

    /// <summary>Images a split can have when the last <paramref name="validPerClass"/> train images of each class are held out.</summary>
    public int ImagesFor(string split, int validPerClass = 0) => split switch
    {
        DatasetSplitNames.Test => TestImages,
        ValidSplit => validPerClass * ClassCount,
        _ => TrainImages - (validPerClass * ClassCount),
    };

    /// <summary>Row shape of one image: (size, size) for grey, (size, size, channels) for colour.</summary>
    public int[] ImageShape => Channels == 1 ? [Size, Size] : [Size, Size, Channels];

    /// <summary>The image view for PNG previews and PNG bundles, grey or RGB.</summary>
    public ImageView View(string arrayName) => new(arrayName, Size, Size, Channels);
}
