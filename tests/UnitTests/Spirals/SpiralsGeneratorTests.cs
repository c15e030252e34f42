using System.Runtime.InteropServices;
using DigitForge.Application.Common;
using DigitForge.Domain.Datasets;
using static DigitForge.UnitTests.Datasets.DatasetSpecs;

namespace DigitForge.UnitTests.Spirals;

/// <summary>The ARMED spirals: geometry of make_spirals, the cluster random effects, the variants and the spec rules.</summary>
public class SpiralsGeneratorTests
{
    [Fact]
    public void The_outermost_point_of_each_cluster_and_class_sits_at_the_cluster_radius()
    {
        var (rows, block) = Generate("""{"generator": "spirals", "parameters": {"clusters": 5, "points_per_cluster": 400, "noise": 0, "classes": 3}, "seed": 1}""");
        var radii = Radii(rows);

        foreach (var group in Enumerable.Range(0, rows.Splits[0].Rows).GroupBy(i => (Cluster(block, i), Label(block, i))))
        {
            double outermost = group.Max(i => Norm(block, i));
            Assert.Equal(Math.Abs(radii[group.Key.Item1]), outermost, 12);
        }
    }

    [Fact]
    public void Points_follow_the_reference_spiral_with_each_class_phase()
    {
        // Without noise, x = r * (-cos(theta - phi_c), sin(theta - phi_c)) with theta = |r| / |R| * max angle
        // (9 degrees: 250 draws of 0..9 per class all but surely reach it) and phi_c = 2 pi c / classes.
        var (rows, block) = Generate("""{"generator": "spirals", "parameters": {"clusters": 3, "points_per_cluster": 1000, "noise": 0, "classes": 4, "degrees": 10}, "seed": 5}""");
        var radii = Radii(rows);
        double maxTheta = 9 * Math.PI / 180;

        for (int i = 0; i < rows.Splits[0].Rows; i++)
        {
            double radius = radii[Cluster(block, i)];
            double r = Math.Sign(radius) * Norm(block, i);
            double theta = r / radius * maxTheta;
            double phase = 2 * Math.PI * Label(block, i) / 4;
            var x = block.Row<double>(0, i);
            Assert.Equal(-Math.Cos(theta - phase) * r, x[0], 9);
            Assert.Equal(Math.Sin(theta - phase) * r, x[1], 9);
        }
    }

    [Fact]
    public void Rows_are_ordered_by_cluster_then_class_with_the_remainder_in_the_last_class()
    {
        var (_, block) = Generate("""{"generator": "spirals", "parameters": {"clusters": 2, "points_per_cluster": 10, "classes": 3}}""");

        Assert.Equal([0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2], Enumerable.Range(0, 20).Select(i => (int)Label(block, i)));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i / 10), Enumerable.Range(0, 20).Select(i => Cluster(block, i)));
    }

    [Fact]
    public void Z_is_the_one_hot_cluster_and_radius_the_clusters_radius()
    {
        var (rows, block) = Generate("""{"generator": "spirals", "parameters": {"clusters": 4, "points_per_cluster": 50}}""");
        var radii = Radii(rows);

        for (int i = 0; i < 200; i++)
        {
            var z = block.Row<float>(2, i).ToArray();
            Assert.Equal(1f, z.Sum());
            Assert.Equal(1f, z[Cluster(block, i)]);
            Assert.Equal(radii[Cluster(block, i)], block.Row<double>(4, i)[0]);
        }
    }

    [Fact]
    public void Cluster_radii_vary_around_one_and_false_negatives_centre_them_on_zero()
    {
        var (plain, _) = Generate("""{"generator": "spirals", "parameters": {"clusters": 200, "points_per_cluster": 2, "radius_sd": 0.3}}""");
        var (reflected, _) = Generate("""{"generator": "spirals", "parameters": {"clusters": 200, "points_per_cluster": 2, "radius_sd": 0.3, "false_negatives": true}}""");

        var radii = Radii(plain);
        Assert.InRange(radii.Average(), 0.9, 1.1);
        Assert.InRange(StandardDeviation(radii), 0.24, 0.36);
        var negative = Radii(reflected).Count(r => r < 0);
        Assert.InRange(negative, 70, 130);
        Assert.InRange(Radii(reflected).Average(), -0.1, 0.1);
    }

    [Fact]
    public void The_confounder_variant_skews_class_ratios_per_cluster_and_appends_probe_features()
    {
        var (rows, block) = Generate("""{"generator": "spirals", "parameters": {"clusters": 6, "points_per_cluster": 1000, "confound_sd": 0.3, "confounded_vars": 3}}""");
        var ratios = MemoryMarshal.Cast<byte, double>(rows.Extra("class_ratio").Span).ToArray();

        Assert.Equal([5], rows.Layout.Arrays[0].RowShape);
        Assert.All(ratios, p => Assert.InRange(p, 0.1, 0.9));
        Assert.True(ratios.Distinct().Count() > 1);
        for (int cluster = 0; cluster < 6; cluster++)
        {
            var members = Enumerable.Range(cluster * 1000, 1000).ToArray();
            Assert.Equal((int)(1000 * ratios[cluster]), members.Count(i => Label(block, i) == 0));
            for (int v = 2; v < 5; v++)
            {
                double mean = members.Average(i => block.Row<double>(0, i)[v]);
                Assert.InRange(mean, ratios[cluster] - 0.03, ratios[cluster] + 0.03);
            }
        }
    }

    [Fact]
    public void Same_seed_same_rows_other_seed_other_rows_and_any_range_matches()
    {
        const string Spec = """{"generator": "spirals", "parameters": {"clusters": 3, "points_per_cluster": 500}, "seed": SEED, "splits": {"train": 1500, "test": 300}}""";
        var (a, blockA) = Generate(Spec.Replace("SEED", "11", StringComparison.Ordinal));
        var (_, blockB) = Generate(Spec.Replace("SEED", "11", StringComparison.Ordinal));
        var (_, blockC) = Generate(Spec.Replace("SEED", "12", StringComparison.Ordinal));

        Assert.Equal(blockA.Column<double>(0), blockB.Column<double>(0));
        Assert.NotEqual(blockA.Column<double>(0), blockC.Column<double>(0));
        var slice = new RowBlock(a.Layout, 37);
        RowBlockFiller.Fill(a, 0, 701, 37, slice);
        Assert.Equal(blockA.Column<double>(0).AsSpan(701 * 2, 37 * 2).ToArray(), slice.Column<double>(0));
        Assert.Equal(blockA.Column<long>(1).AsSpan(701, 37).ToArray(), slice.Column<long>(1));
        var labels = new RowBlock(a.Layout, 1500, onlyArray: 1);
        RowBlockFiller.Fill(a, 0, 0, 1500, labels);
        Assert.Equal(blockA.Column<long>(1), labels.Column<long>(1));
    }

    [Fact]
    public void The_test_split_draws_new_points_from_the_same_clusters()
    {
        var (rows, train) = Generate("""{"generator": "spirals", "parameters": {"clusters": 3, "points_per_cluster": 100, "noise": 0}, "splits": {"train": 300, "test": 60}}""");
        var test = new RowBlock(rows.Layout, 60);
        RowBlockFiller.Fill(rows, 1, 0, 60, test);

        Assert.Equal(Enumerable.Range(0, 60).Select(i => i / 20), Enumerable.Range(0, 60).Select(i => Cluster(test, i)));
        Assert.Equal(train.Row<double>(4, 0)[0], test.Row<double>(4, 0)[0]);
        Assert.NotEqual(train.Column<double>(0).AsSpan(0, 40).ToArray(), test.Column<double>(0).AsSpan(0, 40).ToArray());
    }

    [Fact]
    public void Leaving_splits_out_gives_clusters_times_points_per_cluster()
    {
        var dataset = Resolve("""{"generator": "spirals", "parameters": {"clusters": 7, "points_per_cluster": 30}}""");

        Assert.Equal([("train", 210)], dataset.Definition.Splits.Select(s => (s.Name, s.Rows)));
        Assert.Equal(8UL, dataset.Definition.Seed);
    }

    [Theory]
    [InlineData("""{"generator": "spirals", "parameters": {"classes": 3, "confound_sd": 0.2}}""", "parameters.classes")]
    [InlineData("""{"generator": "spirals", "parameters": {"clusters": 0}}""", "parameters.clusters")]
    [InlineData("""{"generator": "spirals", "parameters": {"noise": -1}}""", "parameters.noise")]
    [InlineData("""{"generator": "spirals", "parameters": {"radius_sd": "wide"}}""", "parameters.radius_sd")]
    [InlineData("""{"generator": "spirals", "parameters": {"degrees": 0}}""", "parameters.degrees")]
    [InlineData("""{"generator": "spirals", "parameters": {"points_per_cluster": 3, "classes": 4}}""", "parameters.points_per_cluster")]
    [InlineData("""{"generator": "spirals", "parameters": {"clusters": 4}, "splits": {"train": 10000}}""", "splits.train")]
    [InlineData("""{"generator": "spirals", "splits": {"train": 10000, "test": 1005}}""", "splits.test")]
    [InlineData("""{"generator": "spirals", "splits": {"train": 10000, "test": 10}}""", "splits.test")]
    [InlineData("""{"generator": "spirals", "parameters": {"clusters": 1000, "points_per_cluster": 100000}}""", "splits")]
    public void Invalid_spiral_specs_name_the_field(string json, string field)
    {
        var error = Assert.Throws<RequestValidationException>(() => Resolve(json));

        Assert.Contains(error.Errors, e => e.Field == field);
    }

    private static (IDatasetRows Rows, RowBlock Block) Generate(string json)
    {
        var dataset = Resolve(json);
        var rows = dataset.Generator.Open(dataset.Definition, GeneratorInputs.None);
        var block = new RowBlock(rows.Layout, rows.Splits[0].Rows);
        RowBlockFiller.Fill(rows, 0, 0, rows.Splits[0].Rows, block);
        return (rows, block);
    }

    private static double[] Radii(IDatasetRows rows) => MemoryMarshal.Cast<byte, double>(rows.Extra("radii").Span).ToArray();

    private static int Cluster(RowBlock block, int row) => (int)block.Row<long>(3, row)[0];

    private static long Label(RowBlock block, int row) => block.Row<long>(1, row)[0];

    private static double Norm(RowBlock block, int row)
    {
        var x = block.Row<double>(0, row);
        return Math.Sqrt((x[0] * x[0]) + (x[1] * x[1]));
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
