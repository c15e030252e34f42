using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.MixedEffects;
using DigitForge.Domain.Filters;
using Microsoft.Extensions.Options;

namespace DigitForge.UnitTests.MixedEffects;

/// <summary>mixed-effects-loco refuses bad parameters at submit time, naming the parameter.</summary>
public sealed class LocoKindValidationTests
{
    private static readonly DatasetSpecResolver Datasets = new(GeneratorRegistry.CreateDefault(FilterRegistry.CreateDefault()), Options.Create(new DatasetOptions()));
    private static readonly MixedEffectsLocoKind Kind = new(Datasets, null!, null!, null!, null!);

    private static string[] FieldsOf(string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        var ex = Assert.Throws<RequestValidationException>(() => JobKindRegistry.Bind(Kind, document.RootElement));
        return [.. ex.Errors.Select(e => e.Field)];
    }

    [Theory]
    [InlineData("""{"dataset":{"generator":"mnist1d","parameters":{"mode":"keyed"}}}""", "parameters.dataset")] // no cluster column
    [InlineData("""{"dataset":{"generator":"spirals","parameters":{"clusters":1}}}""", "parameters.dataset")] // one cluster
    [InlineData("""{"models":"conventional,resnet"}""", "parameters.models")]
    [InlineData("""{"models":""}""", "parameters.models")]
    [InlineData("""{"dataset":{"generator":"spirals","parameters":{"clusters":3}},"folds":4}""", "parameters.folds")]
    [InlineData("""{"epochs":0}""", "parameters.epochs")]
    public void Bad_parameters_name_the_field(string parameters, string field) => Assert.Contains(field, FieldsOf(parameters));

    [Fact]
    public void The_defaults_and_a_morpho_clusters_spec_are_accepted()
    {
        var values = JobKindRegistry.Bind(Kind, null);
        Assert.Equal(100, values.GetInt32("epochs"));
        Assert.Equal(32, values.GetInt32("batch"));
        using var morpho = JsonDocument.Parse("""{"dataset":{"generator":"morpho-clusters"},"folds":10,"models":"conventional,armed"}""");
        JobKindRegistry.Bind(Kind, morpho.RootElement);
    }
}

/// <summary>The reference's 81-configuration grid is a valid sweep of the LOCO kind (validated point by point at submit).</summary>
public sealed class LocoSweepTests
{
    private static readonly DatasetSpecResolver Datasets = new(GeneratorRegistry.CreateDefault(FilterRegistry.CreateDefault()), Options.Create(new DatasetOptions()));

    [Fact]
    public void The_81_point_paramgrid_binds_and_a_bad_point_names_the_grid()
    {
        JobKindRegistry? registry = null;
        registry = new JobKindRegistry(
        [
            new DigitForge.Application.Experiments.Kinds.SweepKind(new Lazy<JobKindRegistry>(() => registry!), null!, null!),
            new MixedEffectsLocoKind(Datasets, null!, null!, null!, null!),
        ]);
        const string parameters = """
            {"kind":"mixed-effects-loco",
             "base":{"dataset":"{\"generator\":\"spirals\",\"seed\":8}","models":"conventional,cluster_input,mldg,me_mlp","evaluate_test":true},
             "grid":{"dataset.radius_sd":[0.1,0.3,0.5],"dataset.noise":[0.05,0.1,0.3],"dataset.degrees":[360,540,720],"dataset.clusters":[10,20,30]},
             "metric":"mean_acc/test/me_mlp"}
            """;
        using var document = JsonDocument.Parse(parameters);
        JobKindRegistry.Bind(registry.Get("sweep"), document.RootElement);

        using var bad = JsonDocument.Parse(parameters.Replace("[10,20,30]", "[10,1]", StringComparison.Ordinal));
        var ex = Assert.Throws<RequestValidationException>(() => JobKindRegistry.Bind(registry.Get("sweep"), bad.RootElement));
        Assert.Contains(ex.Errors, e => e.Field.StartsWith("parameters.grid", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ten_cluster_paper_slice_is_a_third_of_the_grid_at_the_papers_settings()
    {
        var grid = new MixedEffectsGridKind(null!, null!, null!);
        using var document = JsonDocument.Parse("""{"preset":"paper_10_clusters"}""");
        var values = JobKindRegistry.Bind(grid, document.RootElement);
        var slice = MixedEffectsGridKind.GridOf(values).Configs;
        Assert.Equal(27, slice.Count);
        Assert.All(slice, c => Assert.Equal(10, c.Clusters));
        Assert.Equal(SpiralGrid.Paper.Configs.Where(c => c.Clusters == 10), slice);
        Assert.Empty(grid.Validate(values));
    }

    [Fact]
    public void A_clusters_list_slices_the_paper_grid_and_bad_counts_name_the_parameter()
    {
        var grid = new MixedEffectsGridKind(null!, null!, null!);
        using var document = JsonDocument.Parse("""{"preset":"paper","clusters":"20, 30"}""");
        var values = JobKindRegistry.Bind(grid, document.RootElement);
        var slice = MixedEffectsGridKind.GridOf(values).Configs;
        Assert.Equal(54, slice.Count);
        Assert.Equal(SpiralGrid.Paper.Configs.Where(c => c.Clusters != 10), slice.OrderBy(c => SpiralGrid.Paper.Configs.ToList().IndexOf(c)));

        foreach (string bad in new[] { "1", "ten", "20;30", "1001" })
        {
            using var badDocument = JsonDocument.Parse($$"""{"preset":"paper","clusters":"{{bad}}"}""");
            var ex = Assert.Throws<RequestValidationException>(() => JobKindRegistry.Bind(grid, badDocument.RootElement));
            Assert.Contains(ex.Errors, e => e.Field == "parameters.clusters");
        }

        using var tooManyFolds = JsonDocument.Parse("""{"preset":"paper","clusters":"5","folds":6}""");
        var folds = Assert.Throws<RequestValidationException>(() => JobKindRegistry.Bind(grid, tooManyFolds.RootElement));
        Assert.Contains(folds.Errors, e => e.Field == "parameters.folds");
    }
}
