using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Data;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>Shared plumbing of the corruption generators: loading and checking source images, one corrupted row.</summary>
internal static class CorruptedImages
{
    /// <summary>
    /// The source images of each split and, for train and valid when images are held out, which source images the
    /// split's images are (null: image i is source image i); checked against the source's shape and the rows asked for.
    /// </summary>
    public static (LabeledImages[] Images, int[]?[] Maps) Load(CorruptionSource source, DatasetDefinition definition, GeneratorInputs inputs, int validPerClass, Func<DatasetSplit, int> imagesNeeded)
    {
        var images = new LabeledImages[definition.Splits.Count];
        var maps = new int[]?[definition.Splits.Count];
        var errors = new List<DatasetSpecError>();
        for (int i = 0; i < images.Length; i++)
        {
            var split = definition.Splits[i];
            var loaded = inputs.Images(source.KeyFor(split.Name));
            images[i] = loaded;
            if (loaded.Rows != source.Size || loaded.Cols != source.Size || loaded.Channels != source.Channels)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the {source.Name} {split.Name} images are {loaded.Rows}x{loaded.Cols}x{loaded.Channels}, expected {source.Size}x{source.Size}x{source.Channels}."));
                continue;
            }

            maps[i] = split.Name == DatasetSplitNames.Test ? null : HeldOutSplit.Indices(loaded, validPerClass, split.Name == CorruptionSource.ValidSplit);
            int available = maps[i]?.Length ?? loaded.Count;
            if (available < imagesNeeded(split))
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the data directory has {available:N0} {source.Name} images for {split.Name}, fewer than the {imagesNeeded(split):N0} needed."));
            }
        }

        if (errors.Count > 0)
        {
            throw new DatasetSpecException(errors);
        }

        return (images, maps);
    }

    public const string Source = "source";

    /// <summary>The <c>source</c> parameter both corruption generators take.</summary>
    public static GeneratorParameter SourceParameter { get; } = GeneratorParameter.Choice(
        Source, "mnist", CorruptionSource.Names, "Source images (emnist-balanced and cifar10 only where the data directory has them).");

    /// <summary>The source a corruption generator's definition names.</summary>
    public static CorruptionSource SourceOf(DatasetDefinition definition) => CorruptionSource.Get(definition.Parameters.GetString(Source));

    /// <summary>The <c>valid_per_class</c> parameter both corruption generators take.</summary>
    public static GeneratorParameter ValidPerClassParameter { get; } = GeneratorParameter.Integer(
        ValidPerClass, 0, 0, 6000, "Hold out the last N train images of each class as split 'valid' (the reference: 400 for EMNIST, 1000 for CIFAR-10; 0 = no valid split).");

    public const string ValidPerClass = "valid_per_class";

    /// <summary>Row-count and holdout rules shared by the corruption generators; <paramref name="corruptionsPerImage"/> rows per source image.</summary>
    public static void ValidateSplits(CorruptionSource source, DatasetDefinition definition, Func<string, int> corruptionsPerImage, List<DatasetSpecError> errors)
    {
        int valid = definition.Parameters.GetInt32(ValidPerClass);
        foreach (var split in definition.Splits)
        {
            if (split.Name == CorruptionSource.ValidSplit && valid == 0 && split.Rows > 0)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"set parameters.{ValidPerClass} to hold out train images for a valid split."));
                continue;
            }

            int per = corruptionsPerImage(split.Name);
            long max = (long)per * source.ImagesFor(split.Name, valid);
            if (split.Rows > max)
            {
                string how = per == 1 ? string.Empty : $" ({per} corruptions x {source.ImagesFor(split.Name, valid):N0} images)";
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"{source.Name} gives at most {max:N0} {split.Name} rows{how}, got {split.Rows:N0}."));
            }
        }

        if ((long)valid * source.ClassCount >= source.TrainImages)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(ValidPerClass), $"{source.Name} has {source.TrainImages:N0} train images in {source.ClassCount} classes; holding out {valid} per class leaves none."));
        }
    }

    /// <summary>
    /// Source image <paramref name="index"/> through <paramref name="composition"/>, written as the reference stores it:
    /// clipped and truncated to uint8 (<c>np.uint8</c> of the float result).
    /// </summary>
    public static void Write(LabeledImages images, int index, Composition composition, Randomness.KeyedRandom random, Span<byte> destination)
    {
        var raster = Raster.FromBytes(images.Image(index), images.Rows, images.Cols, images.Channels);
        composition.Apply(raster, random).CopyToBytesTruncated(destination);
    }
}
