using System.Text.Json.Nodes;
using DigitForge.Application.Experiments.Kinds;

namespace DigitForge.UnitTests.Jobs;

public sealed class SweepPlanTests
{
    [Fact]
    public void A_grid_is_the_cartesian_product_with_the_last_key_fastest()
    {
        var axes = SweepPlan.ParseGrid("""{"lr": [0.1, 0.2], "model": ["mlp", "cnn", "gru"]}""");
        var points = SweepPlan.Points(axes, random: false, samples: 0, seed: 0);

        Assert.Equal(6, SweepPlan.Size(axes));
        Assert.Equal(
            ["lr=0.1, model=\"mlp\"", "lr=0.1, model=\"cnn\"", "lr=0.1, model=\"gru\"", "lr=0.2, model=\"mlp\"", "lr=0.2, model=\"cnn\"", "lr=0.2, model=\"gru\""],
            points.Select(p => p.Describe()));
        Assert.Equal(Enumerable.Range(0, 6), points.Select(p => p.Index));
    }

    [Fact]
    public void The_armed_grid_of_four_parameters_with_three_values_has_81_points()
    {
        var axes = SweepPlan.ParseGrid("""{"dataset.scale_coeff": [0.2, 0.4, 0.6], "dataset.iid_noise_scale": [0.01, 0.02, 0.04], "dataset.corr_noise_scale": [0.1, 0.25, 0.5], "dataset.shear_scale": [0.5, 0.75, 1.0]}""");
        var points = SweepPlan.Points(axes, random: false, samples: 0, seed: 0);
        Assert.Equal(81, points.Count);
        Assert.Equal(81, points.Select(p => p.Describe()).Distinct().Count());
    }

    [Fact]
    public void Random_search_draws_distinct_points_reproducibly_by_seed()
    {
        var axes = SweepPlan.ParseGrid("""{"a": [1, 2, 3, 4, 5], "b": [1, 2, 3, 4, 5]}""");
        var first = SweepPlan.Points(axes, random: true, samples: 7, seed: 3).Select(p => p.Describe()).ToList();
        var again = SweepPlan.Points(axes, random: true, samples: 7, seed: 3).Select(p => p.Describe()).ToList();
        var other = SweepPlan.Points(axes, random: true, samples: 7, seed: 4).Select(p => p.Describe()).ToList();

        Assert.Equal(7, first.Distinct().Count());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(25, SweepPlan.Points(axes, random: true, samples: 100, seed: 3).Count); // never more than the grid
    }

    [Fact]
    public void Dataset_values_go_into_the_dataset_spec_and_the_rest_into_the_kind_parameters()
    {
        var axes = SweepPlan.ParseGrid("""{"dataset.shuffle_seq": [true], "lr": [0.05]}""");
        var point = SweepPlan.Points(axes, random: false, samples: 0, seed: 0)[0];
        var baseParameters = JsonNode.Parse("""{"steps": 10, "dataset": "{\"generator\":\"mnist1d\",\"seed\":3}"}""")!.AsObject();

        var applied = SweepPlan.Apply(baseParameters, point, "dataset", """{"generator":"mnist1d"}""");

        Assert.Equal(0.05, applied["lr"]!.GetValue<double>());
        Assert.Equal(10, applied["steps"]!.GetValue<int>());
        var spec = JsonNode.Parse(applied["dataset"]!.GetValue<string>())!;
        Assert.Equal(3, spec["seed"]!.GetValue<int>());
        Assert.True(spec["parameters"]!["shuffle_seq"]!.GetValue<bool>());
        Assert.False(baseParameters.ContainsKey("lr")); // the base stays as it was
    }

    [Fact]
    public void A_dataset_spec_given_as_a_json_object_is_swept_like_one_given_as_text()
    {
        var axes = SweepPlan.ParseGrid("""{"dataset.clusters": [4]}""");
        var point = SweepPlan.Points(axes, random: false, samples: 0, seed: 0)[0];
        var baseParameters = JsonNode.Parse("""{"dataset": {"generator": "spirals", "seed": 3}}""")!.AsObject();

        var applied = SweepPlan.Apply(baseParameters, point, "dataset", """{"generator":"mnist1d"}""");

        var spec = JsonNode.Parse(applied["dataset"]!.GetValue<string>())!;
        Assert.Equal("spirals", spec["generator"]!.GetValue<string>());
        Assert.Equal(4, spec["parameters"]!["clusters"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("42")]
    [InlineData("\"{nope\"")]
    public void A_dataset_spec_that_is_not_an_object_is_refused(string dataset)
    {
        var point = SweepPlan.Points(SweepPlan.ParseGrid("""{"dataset.seed": [1]}"""), random: false, samples: 0, seed: 0)[0];
        var baseParameters = JsonNode.Parse($$"""{"dataset": {{dataset}}}""")!.AsObject();
        Assert.Throws<ArgumentException>(() => SweepPlan.Apply(baseParameters, point, "dataset", "{}"));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("{}")]
    [InlineData("""{"lr": []}""")]
    [InlineData("""{"lr": 0.1}""")]
    [InlineData("{nope")]
    public void Malformed_grids_are_refused(string grid) =>
        Assert.ThrowsAny<ArgumentException>(() => SweepPlan.ParseGrid(grid));
}
