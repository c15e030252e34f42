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
        var ex = Assert.Throws<RequestValidationException>(() => ExperimentKindRegistry.Bind(Kind, document.RootElement));
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
        var values = ExperimentKindRegistry.Bind(Kind, null);
        Assert.Equal(100, values.GetInt32("epochs"));
        Assert.Equal(32, values.GetInt32("batch"));
        using var morpho = JsonDocument.Parse("""{"dataset":{"generator":"morpho-clusters"},"folds":10,"models":"conventional,armed"}""");
        ExperimentKindRegistry.Bind(Kind, morpho.RootElement);
    }
}
