namespace DigitForge.Infrastructure.Data.FaceScrub;

/// <summary>
/// FaceScrub as the compositional-robustness reference uses it (specs/sequences-corruptions.md B.5, the reference's
/// <c>facescrub.py</c>): a flat folder of <c>&lt;identity&gt;_&lt;n&gt;.jpg</c> faces, identities 100..487 in its
/// internal subset, label = identity - 100; 101x101 images are cropped to their top-left 100x100 (<c>img[:100, :100]</c>);
/// per class, with <c>ten = ceil(0.1 * count)</c>, the last <c>ten</c> images are test, the <c>ten</c> before them
/// valid, the rest train. Stored as NPY under <c>&lt;data&gt;/facescrub/</c>: images uint8 (N, 100, 100, 3), labels
/// uint16 (N) because 388 classes do not fit a byte.
/// </summary>
public static class FaceScrubLayout
{
    public const string Source = "facescrub";
    public const int Side = 100;
    public const int Channels = 3;
    public const int ImageBytes = Side * Side * Channels;

    /// <summary>The reference's subset keeps identities with at least this many images.</summary>
    public const int MinImagesPerIdentity = 100;

    /// <summary>Identities are numbered from 100 in the reference's files; labels start at 0.</summary>
    public const int IdentityOffset = 100;

    /// <summary>Files the reference accepts as they are, and the size it crops from.</summary>
    public const int UncroppedSide = 101;

    public static IReadOnlyList<string> Splits { get; } = ["train", "valid", "test"];

    public static string ImagesFile(string split) => $"{split}-images.npy";

    public static string LabelsFile(string split) => $"{split}-labels.npy";

    /// <summary>Per class of <paramref name="count"/> images: how many go to train, valid and test (in that order).</summary>
    public static (int Train, int Valid, int Test) SplitCounts(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        // ceil(count * 0.1) in integers: the reference's int(np.ceil(count * 0.1)).
        int ten = (count + 9) / 10;
        return (count - (2 * ten), ten, ten);
    }
}
