using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Training;
using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.UnitTests.Gasten;

/// <summary>The <c>binary-pair</c> generator: GASTeN's binary subsets as a dataset (specs/gasten.md §1).</summary>
public sealed class BinaryPairGeneratorTests
{
    private static readonly BinaryPairDatasetGenerator Generator = new();

    private static LabeledImages Images(int count, int salt)
    {
        var random = new Random(salt);
        byte[] labels = [.. Enumerable.Range(0, count).Select(_ => (byte)random.Next(10))];
        byte[] pixels = new byte[count * 28 * 28];
        random.NextBytes(pixels);
        return new LabeledImages(28, 28, pixels, labels);
    }

    private static DatasetDefinition Definition(int pos, int neg, ulong seed, int train, int valid, int test) => new(
        Generator.Name,
        ParameterValues.WithDefaults(Generator.Parameters, new Dictionary<string, object> { ["pos"] = (long)pos, ["neg"] = (long)neg }),
        seed,
        [new(DatasetSplitNames.Train, train), new(BinaryPairDatasetGenerator.ValidSplit, valid), new(DatasetSplitNames.Test, test)]);

    [Fact]
    public void Its_rows_are_the_ones_the_gasten_kinds_split_before_it_existed()
    {
        var train = Images(600, 1);
        var test = Images(150, 2);
        int pairTrain = train.Labels.ToArray().Count(l => l is 5 or 3);
        int pairTest = test.Labels.ToArray().Count(l => l is 5 or 3);
        var counts = new Func<SourceImagesKey, IReadOnlyList<int>?>(key =>
            [.. Enumerable.Range(0, 10).Select(c => (key.Test ? test : train).Labels.ToArray().Count(l => l == c))]);
        var parameters = ParameterValues.WithDefaults(Generator.Parameters, new Dictionary<string, object> { ["pos"] = 5L, ["neg"] = 3L });
        var splits = Generator.DefaultSplitsFor(parameters, _ => null, counts);
        Assert.Equal([pairTrain - (pairTrain / 6), pairTrain / 6, pairTest], splits.Select(s => s.Rows));

        var definition = Definition(5, 3, 3664, splits[0].Rows, splits[1].Rows, splits[2].Rows);
        Assert.Empty(Generator.Validate(definition));
        var rows = Generator.Open(definition, new GeneratorInputs(new Dictionary<SourceImagesKey, LabeledImages>
        {
            [new("mnist", false)] = train,
            [new("mnist", true)] = test,
        }));

        // The earlier path: the whole source as engine floats, then BinaryPairData.From.
        var data = new ExperimentDataset(null!, Floats("train", train), Floats("test", test), [28, 28], 10);
        var before = BinaryPairData.From("mnist", data, 5, 3, 3664);
        var layout = Generator.Describe(definition);
        foreach (var (index, expected) in new[] { (0, before.Train), (1, before.Valid), (2, before.Test) })
        {
            int count = definition.Splits[index].Rows;
            var block = new RowBlock(layout, count);
            RowBlockFiller.Fill(rows, index, 0, count, block);
            Assert.Equal(expected.Count, count);
            Assert.Equal(expected.X, block.Column<float>(layout.IndexOf("x")));
            Assert.Equal(expected.Y, block.Column<float>(layout.IndexOf("target")));
            Assert.Equal(expected.Y.Select(v => (byte)v), block.Column<byte>(layout.IndexOf("y")));
            Assert.All(block.Column<byte>(layout.IndexOf("digit")), d => Assert.True(d is 5 or 3));
        }
    }

    [Fact]
    public void Same_classes_and_too_many_rows_are_refused_naming_the_field()
    {
        Assert.Contains(Generator.Validate(Definition(4, 4, 0, 1, 1, 1)), e => e.Field == "parameters.neg");
        Assert.Contains(Generator.Validate(Definition(4, 2, 0, 70_000, 1, 1)), e => e.Field == "splits.train");
        var images = Images(60, 3);
        var tooMany = Definition(4, 2, 0, 1000, 1, 1);
        var ex = Assert.Throws<DatasetSpecException>(() => Generator.Open(tooMany, new GeneratorInputs(new Dictionary<SourceImagesKey, LabeledImages>
        {
            [new("mnist", false)] = images,
            [new("mnist", true)] = images,
        })));
        Assert.Contains(ex.Errors, e => e.Field == "splits.train");
    }

    [Fact]
    public void Mgda_norm_is_a_weight_of_its_own()
    {
        Assert.Equal(["0", "mgda", "mgda:norm"], GastenLists.Weights("0, MGDA, mgda:NORM"));
        Assert.True(GastenLists.IsMgda("mgda:norm"));
        Assert.False(GastenLists.IsMgda("25"));
    }

    private static LabeledData Floats(string split, LabeledImages images) =>
        new(split, Array.ConvertAll(images.Pixels.ToArray(), v => v / 255f), Array.ConvertAll(images.Labels.ToArray(), v => (long)v));
}
