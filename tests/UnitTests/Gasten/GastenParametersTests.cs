using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;

namespace DigitForge.UnitTests.Gasten;

/// <summary>The protocol's lists and presets, and the binary subsets (specs/gasten.md §1-2).</summary>
public sealed class GastenParametersTests
{
    private static readonly GastenKind Kind = new(null!, null!, null!, null!, null!, null!, null!, null!, null!);

    private static ParameterValues Values(Dictionary<string, object>? values = null) => ParameterValues.WithDefaults(Kind.Parameters, values);

    [Fact]
    public void The_presets_are_the_papers_grid_and_a_small_cpu_one()
    {
        var paper = GastenPlan.From(Values(new() { [GastenKind.PresetParameter] = "paper" }));
        Assert.Equal((10, 40, 64), (paper.Step1Epochs, paper.Step2Epochs, paper.FilterDim));
        Assert.Equal([0, 2, 5, 10], paper.Step1EpochList);
        Assert.Equal(["0", "mgda", "5", "10", "15", "20", "25", "30"], paper.Weights);
        var cpu = GastenPlan.From(Values());
        Assert.Equal([0, 5], cpu.Step1EpochList);
        Assert.Equal(["0", "mgda", "25"], cpu.Weights);
        var custom = GastenPlan.From(Values(new() { [GastenKind.Step1EpochsParameter] = 2L, [GastenKind.Step1EpochListParameter] = "2,0", [GastenKind.WeightsParameter] = "25, MGDA" }));
        Assert.Equal([0, 2], custom.Step1EpochList);
        Assert.Equal(["25", "mgda"], custom.Weights);
    }

    [Theory]
    [InlineData(GastenKind.WeightsParameter, "0,-5", "negative")]
    [InlineData(GastenKind.WeightsParameter, "0,alpha", "neither a number, mgda nor mgda:norm")]
    [InlineData(GastenKind.Step1EpochListParameter, "[]", "empty")]
    [InlineData(GastenKind.Step1EpochListParameter, "0,7", "beyond the 5 epochs")]
    public void Bad_lists_name_their_parameter(string parameter, string value, string message)
    {
        var ex = Assert.Throws<GastenParameterException>(() => GastenPlan.From(Values(new() { [parameter] = value })));
        Assert.Equal(parameter, ex.Parameter);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_classifier_kind_refuses_a_pair_of_one_class_and_empty_lists()
    {
        var kind = new GastenClassifierKind(null!, null!, null!, null!);
        var errors = kind.Validate(ParameterValues.WithDefaults(kind.Parameters, new Dictionary<string, object>
        {
            [GastenClassifierKind.PosParameter] = 3L,
            [GastenClassifierKind.NegParameter] = 3L,
            [GastenClassifierKind.NfParameter] = ",",
            [GastenClassifierKind.TypeParameter] = "cnn,resnet",
        }));
        Assert.Equal(["parameters.neg", "parameters.type", "parameters.nf"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_binary_subset_keeps_two_classes_as_one_and_zero_in_minus_one_to_one_split_five_to_one()
    {
        const int size = 2;
        long[] trainLabels = [.. Enumerable.Range(0, 130).Select(i => (long)(i % 10))];
        float[] trainX = [.. trainLabels.SelectMany(l => Enumerable.Repeat(l / 10f, size * size))];
        long[] testLabels = [7, 1, 2, 7];
        float[] testX = [.. testLabels.SelectMany(l => Enumerable.Repeat(1f, size * size))];
        var data = new ExperimentDataset(null!, new LabeledData("train", trainX, trainLabels), new LabeledData("test", testX, testLabels), [size, size], 10);

        var pair = BinaryPairData.From("mnist", data, pos: 7, neg: 1, splitSeed: 3664);
        Assert.Equal(26, pair.Train.Count + pair.Valid.Count);
        Assert.Equal(26 / 6, pair.Valid.Count);
        Assert.Equal(13, pair.AllTrain.Positives);
        Assert.All(pair.Train.Y.Concat(pair.Valid.Y), y => Assert.True(y is 0f or 1f));
        for (int r = 0; r < pair.Train.Count; r++)
        {
            // A seven's pixels were 0.7 → 0.4 in [-1, 1], a one's 0.1 → -0.8.
            Assert.Equal(pair.Train.Y[r] == 1f ? 0.4f : -0.8f, pair.Train.X[r * size * size], 5);
        }

        Assert.Equal(3, pair.Test.Count);
        Assert.Equal([1f, 0f, 1f], pair.Test.Y);
        Assert.Equal("7v1", pair.PairName);
        // Seeded: the same seed splits the same way, another seed differently.
        Assert.Equal(pair.Valid.X, BinaryPairData.From("mnist", data, 7, 1, 3664).Valid.X);
        Assert.NotEqual(BinaryPairData.Permutation(26, 3664), BinaryPairData.Permutation(26, 1));
    }
}
