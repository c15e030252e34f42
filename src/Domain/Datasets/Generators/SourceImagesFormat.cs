namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// What a source's images look like and how its training images divide into train and valid.
/// </summary>
/// <param name="Side">Height and width of the source images.</param>
/// <param name="Channels">1 (grayscale) or 3 (RGB, HWC interleaved).</param>
/// <param name="Classes">Number of classes (labels 0..Classes-1).</param>
/// <param name="TrainShare">
/// Null: splits train and test only. Otherwise each class's source training images, in source order, go the first
/// floor(n * Numerator / Denominator) to train and the rest to valid.
/// </param>
public sealed record SourceImagesFormat(int Side, int Channels, int Classes, (int Numerator, int Denominator)? TrainShare)
{
    public static SourceImagesFormat Mnist { get; } = new(28, 1, 10, null);

    /// <summary>EMNIST balanced: 2400 per class, 2000 train / 400 valid (the compositional-robustness reference).</summary>
    public static SourceImagesFormat Emnist { get; } = new(28, 1, 47, (5, 6));

    /// <summary>CIFAR-10: 5000 per class, 4000 train / 1000 valid (the compositional-robustness reference).</summary>
    public static SourceImagesFormat Cifar10 { get; } = new(32, 3, 10, (4, 5));
}
