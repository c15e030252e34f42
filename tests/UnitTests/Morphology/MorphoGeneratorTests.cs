using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Morphology;
using static DigitForge.UnitTests.Datasets.DatasetSpecs;

namespace DigitForge.UnitTests.Morphology;

public class MorphoGeneratorTests
{
    [Fact]
    public void Plain_rows_are_the_smoothed_binary_digits_with_their_morphometrics()
    {
        var rows = Open("""{"generator": "morpho-plain", "splits": {"train": 12, "test": 3}}""");

        var block = Fill(rows, 0, 0, 12);

        var morph = ImageMorphology.Analyse(MorphoDigits.TrainImage0, 28, 28);
        Assert.Equal(morph.Downscale(morph.BinaryImage), block.Row<byte>(0, 0).ToArray());
        var m = MorphometricsCalculator.Measure(block.Row<byte>(0, 0).ToArray(), 28, 28);
        Assert.Equal([m.Area, m.Length, m.Thickness, m.Slant, m.Width, m.Height], block.Row<double>(rows.Layout.IndexOf("morpho"), 0).ToArray());
        // The empty digit (row 3) is kept as it is and flagged.
        int status = rows.Layout.IndexOf("status");
        Assert.Equal(1, block.Row<byte>(status, 3)[0]);
        Assert.All(block.Row<byte>(0, 3).ToArray(), p => Assert.Equal(0, p));
        Assert.Equal(0, block.Row<byte>(status, 0)[0]);
    }

    [Theory]
    [InlineData("morpho-global", new byte[] { 0, 1, 2 })]
    [InlineData("morpho-local", new byte[] { 0, 3, 4 })]
    public void Global_and_local_label_each_row_with_its_perturbation(string generator, byte[] labels)
    {
        var rows = Open($$$"""{"generator": "{{{generator}}}", "seed": 5, "splits": {"train": 12, "test": 3}}""");

        var block = Fill(rows, 0, 0, 12);
        var perts = block.Column<byte>(rows.Layout.IndexOf("pert"));

        Assert.All(perts, p => Assert.Contains(p, labels));
        Assert.True(perts.Distinct().Count() >= 2);
        // Labels alone (no image work) agree with the full rows.
        var only = new RowBlock(rows.Layout, 12, onlyArray: rows.Layout.IndexOf("pert"));
        RowBlockFiller.Fill(rows, 0, 0, 12, only);
        Assert.Equal(perts, only.Column<byte>(rows.Layout.IndexOf("pert")));
    }

    [Fact]
    public void Rows_are_random_access_and_deterministic_per_seed()
    {
        var a = Open("""{"generator": "morpho-local", "seed": 9, "splits": {"train": 12, "test": 3}}""");
        var b = Open("""{"generator": "morpho-local", "seed": 9, "splits": {"train": 12, "test": 3}}""");

        var all = Fill(a, 0, 0, 12);
        var slice = Fill(b, 0, 7, 3);

        Assert.Equal(all.Column<byte>(0).AsSpan(7 * 784, 3 * 784).ToArray(), slice.Column<byte>(0).AsSpan(0, 3 * 784).ToArray());
    }

    [Fact]
    public void Clusters_are_contiguous_blocks_with_their_parameters()
    {
        var rows = Open("""{"generator": "morpho-clusters", "parameters": {"clusters": 4}, "seed": 2, "splits": {"train": 12, "test": 3}}""");

        var block = Fill(rows, 0, 0, 12);
        var clusters = block.Column<long>(2);

        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], clusters);
        var table = MorphoClustersDatasetGenerator.ClusterTable(Resolve("""{"generator": "morpho-clusters", "parameters": {"clusters": 4}, "seed": 2, "splits": {"train": 12, "test": 3}}""").Definition);
        Assert.Equal(4, table.Count);
        Assert.Equal(table[1].ToArray(), block.Row<double>(3, 4).ToArray());
        Assert.All(table, c => Assert.InRange(c.SwellingStrength, 0, 5));
        Assert.All(table, c => Assert.InRange(c.Fractures, 1, 10));
        Assert.All(table, c => Assert.InRange(c.BlurSigma, 0, 1));
        Assert.Equal(table.SelectMany(c => c.ToArray()).ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(rows.Extra("cluster_parameters").Span).ToArray());

        // The reference test split is MNIST's test images unchanged, outside every cluster.
        var test = Fill(rows, 1, 0, 3);
        Assert.All(test.Column<long>(2), c => Assert.Equal(-1, c));
        Assert.Equal(Digits().Image(0).ToArray(), test.Row<byte>(0, 0).ToArray());
    }

    [Fact]
    public void Held_out_test_clusters_are_new_ones()
    {
        var rows = Open("""{"generator": "morpho-clusters", "parameters": {"clusters": 3, "test": "held-out", "held_out_clusters": 2, "assignment": "random"}, "splits": {"train": 12, "test": 6}}""");

        var train = Fill(rows, 0, 0, 12).Column<long>(2);
        var test = Fill(rows, 1, 0, 6).Column<long>(2);

        Assert.All(train, c => Assert.InRange(c, 0, 2));
        Assert.All(test, c => Assert.InRange(c, 3, 4));
    }

    [Fact]
    public void A_thicker_cluster_gives_thicker_digits()
    {
        string Spec(double t) => $$$"""{"generator": "morpho-clusters", "parameters": {"clusters": 1, "thickness_mean": {{{t}}}, "thickness_sd": 0, "swelling_mean": 0, "swelling_sd": 0, "fractures_mean": 0, "fractures_sd": 0, "fractures_min": 0, "blur_max": 0, "noise_max": 0, "morphometrics": true}, "splits": {"train": 1, "test": 1}}""";

        double Thickness(double t) => Fill(Open(Spec(t)), 0, 0, 1).Row<double>(5, 0)[2];

        Assert.True(Thickness(5) > Thickness(2.7) + 1);
        Assert.True(Thickness(1.5) < Thickness(2.7));
    }

    [Fact]
    public void Blur_and_noise_change_the_pixels_of_a_cluster()
    {
        var plain = Fill(Open("""{"generator": "morpho-clusters", "parameters": {"clusters": 1, "blur_max": 0, "noise_max": 0}, "splits": {"train": 1, "test": 1}}"""), 0, 0, 1);
        var noisy = Fill(Open("""{"generator": "morpho-clusters", "parameters": {"clusters": 1, "blur_min": 1, "blur_max": 1, "noise_min": 0.2, "noise_max": 0.2}, "splits": {"train": 1, "test": 1}}"""), 0, 0, 1);

        int background = Enumerable.Range(0, 784).Count(i => plain.Row<byte>(0, 0)[i] == 0 && noisy.Row<byte>(0, 0)[i] != 0);
        Assert.True(background > 100, $"{background} background pixels changed");
    }

    private static LabeledImages Digits()
    {
        byte[][] images = [MorphoDigits.TrainImage0, MorphoDigits.SlantedBar(0.2), MorphoDigits.Rectangle(5, 9, 18, 4), new byte[784]];
        var pixels = new byte[12 * 784];
        var labels = new byte[12];
        for (int i = 0; i < 12; i++)
        {
            images[i % 4].CopyTo(pixels, i * 784);
            labels[i] = (byte)(i % 10);
        }

        return new LabeledImages(28, 28, pixels, labels);
    }

    private static IDatasetRows Open(string json)
    {
        var dataset = Resolve(json);
        return dataset.Generator.Open(dataset.Definition, new GeneratorInputs(dataset.Generator.RequiredSources(dataset.Definition).ToDictionary(k => k, _ => Digits())));
    }

    private static RowBlock Fill(IDatasetRows rows, int split, int first, int count)
    {
        var block = new RowBlock(rows.Layout, count);
        RowBlockFiller.Fill(rows, split, first, count, block);
        return block;
    }
}
