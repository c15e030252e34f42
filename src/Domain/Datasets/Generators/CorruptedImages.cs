using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Data;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>Shared plumbing of the corruption generators: loading and checking source images, one corrupted row.</summary>
internal static class CorruptedImages
{
    /// <summary>The source images of each split, checked against the source's declared shape and the rows asked for.</summary>
    public static LabeledImages[] Load(CorruptionSource source, DatasetDefinition definition, GeneratorInputs inputs, Func<DatasetSplit, int> imagesNeeded)
    {
        var images = new LabeledImages[definition.Splits.Count];
        var errors = new List<DatasetSpecError>();
        for (int i = 0; i < images.Length; i++)
        {
            var split = definition.Splits[i];
            var loaded = inputs.Images(SourceImagesKey.ForSplit(source.Name, split.Name));
            images[i] = loaded;
            if (loaded.Rows != source.Size || loaded.Cols != source.Size || loaded.Channels != source.Channels)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the {source.Name} {split.Name} images are {loaded.Rows}x{loaded.Cols}x{loaded.Channels}, expected {source.Size}x{source.Size}x{source.Channels}."));
            }
            else if (loaded.Count < imagesNeeded(split))
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the data directory has {loaded.Count:N0} {source.Name} {split.Name} images, fewer than the {imagesNeeded(split):N0} needed."));
            }
        }

        if (errors.Count > 0)
        {
            throw new DatasetSpecException(errors);
        }

        return images;
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
