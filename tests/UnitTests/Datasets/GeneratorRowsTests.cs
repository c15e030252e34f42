using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Mnist1D;
using DigitForge.UnitTests.Sequences;
using static DigitForge.UnitTests.Datasets.DatasetSpecs;

namespace DigitForge.UnitTests.Datasets;

/// <summary>Row i of every generator is the same whether generated alone, in a range, in parallel or labels only.</summary>
public class GeneratorRowsTests
{
    [Fact]
    public void Keyed_mnist1d_rows_are_random_access()
    {
        var rows = Open("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 3, "splits": {"train": 3000, "test": 500}}""");

        var all = Fill(rows, split: 0, first: 0, count: 3000);
        var slice = Fill(rows, split: 0, first: 2890, count: 37);

        Assert.Equal(all.Column<double>(0).AsSpan(2890 * 40, 37 * 40).ToArray(), slice.Column<double>(0).AsSpan(0, 37 * 40).ToArray());
        Assert.Equal(all.Column<long>(1).AsSpan(2890, 37).ToArray(), slice.Column<long>(1).AsSpan(0, 37).ToArray());
    }

    [Fact]
    public void Keyed_mnist1d_labels_alone_match_the_full_rows_and_are_balanced()
    {
        var rows = Open("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 3, "splits": {"train": 3000, "test": 500}}""");

        var full = Fill(rows, 1, 0, 500);
        var labels = new RowBlock(rows.Layout, 500, onlyArray: 1);
        RowBlockFiller.Fill(rows, 1, 0, 500, labels);

        Assert.False(labels.HasColumn(0));
        Assert.Equal(full.Column<long>(1), labels.Column<long>(1));
        var train = Fill(rows, 0, 0, 3000).Column<long>(1).Concat(labels.Column<long>(1));
        Assert.All(train.CountBy(l => l), c => Assert.Equal(350, c.Value));
    }

    [Fact]
    public void Keyed_mnist1d_test_rows_follow_the_train_rows_of_one_generator()
    {
        var rows = Open("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 3, "splits": {"train": 3000, "test": 500}}""");
        var generator = new Mnist1DKeyedGenerator(Mnist1DArguments.Default with { NumSamples = 3500, Seed = 3 });
        var expected = new double[40];

        long label = generator.GenerateRow(3000 + 17, expected);

        var block = Fill(rows, 1, 17, 1);
        Assert.Equal(expected, block.Column<double>(0));
        Assert.Equal(label, block.Column<long>(1)[0]);
    }

    [Fact]
    public void Reference_mnist1d_defaults_are_the_published_dataset()
    {
        var rows = Open("""{"generator": "mnist1d"}""");
        var reference = Mnist1DGenerator.Generate(Mnist1DArguments.Default);

        var train = Fill(rows, 0, 0, 4000);
        var test = Fill(rows, 1, 0, 1000);

        Assert.Equal(reference.X.ToArray(), train.Column<double>(0));
        Assert.Equal(reference.Y.ToArray(), train.Column<long>(1));
        Assert.Equal(reference.YTest.ToArray(), test.Column<long>(1));
        Assert.Equal(System.Runtime.InteropServices.MemoryMarshal.AsBytes(reference.T.Span).ToArray(), rows.Extra("t").ToArray());
    }

    [Fact]
    public void Sequence_rows_depend_on_the_seed_and_row_only()
    {
        const string Spec = """{"generator": "sequences", "parameters": {"length": 3, "choices": "27", "spacing": [0, 6], "filters": "distort"}, "seed": 9, "splits": {"train": SIZE}}""";
        var small = Open(Spec.Replace("SIZE", "8", StringComparison.Ordinal), Digits());
        var large = Open(Spec.Replace("SIZE", "40", StringComparison.Ordinal), Digits());

        var a = Fill(small, 0, 0, 8);
        var b = Fill(large, 0, 0, 40);

        Assert.Equal(a.Column<float>(0), b.Column<float>(0).AsSpan(0, a.Column<float>(0).Length).ToArray());
        Assert.Equal(a.Column<byte>(1), b.Column<byte>(1).AsSpan(0, 24).ToArray());
        Assert.All(b.Column<byte>(1), d => Assert.Contains(d, new byte[] { 2, 7 }));
        Assert.Equal(3 * 28, small.Layout.Image!.Width);
    }

    [Fact]
    public void Sequence_labels_alone_are_the_digits_the_images_show()
    {
        var rows = Open("""{"generator": "sequences", "parameters": {"length": 5}, "seed": 1, "splits": {"train": 30}}""", Digits());

        var full = Fill(rows, 0, 0, 30);
        var labels = new RowBlock(rows.Layout, 30, onlyArray: 1);
        RowBlockFiller.Fill(rows, 0, 0, 30, labels);

        Assert.Equal(full.Column<byte>(1), labels.Column<byte>(1));
        Assert.Matches("^[0-9]{5}$", RowLabels.Text(full, 3));
    }

    [Fact]
    public void Source_rows_are_the_source_images_as_they_are_unless_resized()
    {
        var digits = Digits();
        var plain = Open("""{"generator": "mnist", "splits": {"train": 12}}""", digits);
        var small = Open("""{"generator": "mnist", "parameters": {"size": 14}, "splits": {"train": 12}}""", digits);

        var block = Fill(plain, 0, 0, 12);
        var resized = Fill(small, 0, 0, 12);

        Assert.Equal(digits.Pixels[..(12 * 784)].ToArray(), block.Column<byte>(0));
        Assert.Equal(digits.Labels[..12].ToArray(), block.Column<byte>(1).Select(b => (ushort)b));
        Assert.Equal(12 * 14 * 14, resized.Column<byte>(0).Length);
        Assert.Equal(digits.Labels[..12].ToArray(), resized.Column<byte>(1).Select(b => (ushort)b));
    }

    [Fact]
    public void Asking_for_more_source_images_than_exist_names_the_split()
    {
        var dataset = Resolve("""{"generator": "mnist", "splits": {"train": 500}}""");

        var error = Assert.Throws<DatasetSpecException>(() => dataset.Generator.Open(dataset.Definition, Inputs(dataset, Digits())));

        Assert.Equal("splits.train", error.Errors.Single().Field);
    }

    [Fact]
    public void Row_keys_differ_between_splits_and_rows()
    {
        Assert.NotEqual(DatasetRowKey.For("train", 5), DatasetRowKey.For("test", 5));
        Assert.NotEqual(DatasetRowKey.For("train", 5), DatasetRowKey.For("train", 6));
        Assert.Equal(DatasetRowKey.For("train", 5), DatasetRowKey.For("train", 5));
    }

    private static LabeledImages Digits() => TestDigits.MnistDataStyle(100);

    private static IDatasetRows Open(string json, LabeledImages? digits = null)
    {
        var dataset = Resolve(json);
        return dataset.Generator.Open(dataset.Definition, Inputs(dataset, digits));
    }

    private static GeneratorInputs Inputs(Application.Datasets.ResolvedDataset dataset, LabeledImages? digits) =>
        new(dataset.Generator.RequiredSources(dataset.Definition).ToDictionary(k => k, _ => digits ?? throw new InvalidOperationException("needs digits")));

    private static RowBlock Fill(IDatasetRows rows, int split, int first, int count)
    {
        var block = new RowBlock(rows.Layout, count);
        RowBlockFiller.Fill(rows, split, first, count, block);
        return block;
    }
}
