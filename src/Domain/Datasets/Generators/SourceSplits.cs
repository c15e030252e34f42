using DigitForge.Domain.Data;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>Shared rules of generators whose row i of a split is MNIST image i of that split (train → train, test → t10k).</summary>
internal static class SourceSplits
{
    private const string Source = "mnist";
    private const int Size = 28;
    private const int TrainImages = 60_000;
    private const int TestImages = 10_000;

    public static IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition, string generator)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DatasetSpecError>();
        foreach (var split in definition.Splits)
        {
            int max = split.Name == DatasetSplitNames.Train ? TrainImages : TestImages;
            if (split.Rows > max)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"{generator} takes its rows from MNIST's {max:N0} {split.Name} images, got {split.Rows:N0}."));
            }
        }

        return errors;
    }

    public static IReadOnlyList<SourceImagesKey> Keys(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return [.. definition.Splits.Select(s => SourceImagesKey.ForSplit(Source, s.Name))];
    }

    public static LabeledImages[] Load(DatasetDefinition definition, GeneratorInputs inputs, string generator)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var images = new LabeledImages[definition.Splits.Count];
        var errors = new List<DatasetSpecError>();
        for (int i = 0; i < images.Length; i++)
        {
            var split = definition.Splits[i];
            images[i] = inputs.Images(SourceImagesKey.ForSplit(Source, split.Name));
            if (images[i].Rows != Size || images[i].Cols != Size || images[i].Channels != 1)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"{generator} needs 28x28 grayscale MNIST images."));
            }
            else if (images[i].Count < split.Rows)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the data directory has {images[i].Count:N0} MNIST {split.Name} images, fewer than the {split.Rows:N0} asked for."));
            }
        }

        return errors.Count > 0 ? throw new DatasetSpecException(errors) : images;
    }
}
