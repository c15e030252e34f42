namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// A source the corruption generators can corrupt, with the shape its images have, so a layout is known before any
/// data is loaded. EMNIST and CIFAR-10 are served only where the data directory holds them; FaceScrub only where a
/// user's folder was imported (<c>digitforge data import DIR --source facescrub</c>), so its image counts are the
/// reference subset's 50,429 as a ceiling and the load checks what the import holds.
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
        new(Cifar10, 32, 3, 50_000, 10_000, "CIFAR-10 class 0-9", 10),
        new(FaceScrub, 100, 3, 50_429, 50_429, "FaceScrub identity - 100, 0-387", 388),
    ];

    /// <summary>The reference's second source (spec B.5): 32x32 RGB images of 10 classes.</summary>
    public const string Cifar10 = "cifar10";

    /// <summary>The reference's third source (spec B.5): 100x100 RGB faces of 388 identities.</summary>
    public const string FaceScrub = "facescrub";

    /// <summary>
    /// The dtype of the label array <c>y</c>: uint8 for sources of at most 256 classes (every bundle of them stays byte
    /// for byte what it was), int64 above (FaceScrub's 388; what NumPy makes of the reference's Python int labels).
    /// </summary>
    public ElementType LabelType => ClassCount > 256 ? ElementType.Int64 : ElementType.UInt8;

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
