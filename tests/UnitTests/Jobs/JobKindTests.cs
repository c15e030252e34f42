using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.Benchmark;
using DigitForge.Application.Experiments.ListKinds;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;
using DigitForge.Domain.Filters;
using Microsoft.Extensions.Options;

namespace DigitForge.UnitTests.Jobs;

public sealed class JobKindTests
{
    private static readonly DatasetSpecResolver Datasets = new(GeneratorRegistry.CreateDefault(FilterRegistry.CreateDefault()), Options.Create(new DatasetOptions()));
    private static readonly JobKindRegistry Kinds = KindsForValidation.Create(Datasets);

    private static string[] FieldsOf(string kind, string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        var ex = Assert.Throws<RequestValidationException>(() => JobKindRegistry.Bind(Kinds.Get(kind), document.RootElement));
        return [.. ex.Errors.Select(e => e.Field)];
    }

    [Fact]
    public void The_default_kinds_are_listed_with_their_schemas()
    {
        var kinds = new ListJobKindsHandler(Kinds).Handle();
        Assert.Equal(["mnist1d-benchmark", "classifier", "sweep", "gan"], kinds.Select(k => k.Name));
        var benchmark = kinds[0];
        Assert.Equal(["dataset"], benchmark.DatasetParameters);
        var steps = benchmark.Parameters.Single(p => p.Name == "steps");
        Assert.Equal("integer", steps.Type);
        Assert.Equal(6000L, steps.Default);
        Assert.Equal(["auto", "cpu", "cuda"], benchmark.Parameters.Single(p => p.Name == "device").Choices);
    }

    [Fact]
    public void Defaults_bind_to_the_reference_benchmark()
    {
        var values = JobKindRegistry.Bind(Kinds.Get("mnist1d-benchmark"), null);
        Assert.Equal(6000, values.GetInt64("steps"));
        Assert.Equal("logistic,mlp,cnn,gru", values.GetString("models"));
        Assert.False(values.GetBoolean("shuffled"));
        var recipe = RecipeParameters.Recipe(values);
        Assert.Equal(new ClassifierRecipe(), recipe);
    }

    [Theory]
    [InlineData("mnist1d-benchmark", """{"steps": 0}""", "parameters.steps")]
    [InlineData("mnist1d-benchmark", """{"stepz": 10}""", "parameters.stepz")]
    [InlineData("mnist1d-benchmark", """{"models": "cnn,transformer"}""", "parameters.models")]
    [InlineData("mnist1d-benchmark", """{"device": "tpu"}""", "parameters.device")]
    [InlineData("mnist1d-benchmark", """{"dataset": "{\"generator\":\"nope\"}"}""", "parameters.dataset.generator")]
    [InlineData("mnist1d-benchmark", """{"shuffled": true, "dataset": "{\"generator\":\"mnist\"}"}""", "parameters.shuffled")]
    [InlineData("classifier", """{"dataset": "{\"generator\":\"sequences\"}"}""", "parameters.dataset")]
    [InlineData("classifier", """{"model": "gru", "dataset": "{\"generator\":\"mnist\",\"parameters\":{\"size\":8}}", "lr": -1}""", "parameters.lr")]
    [InlineData("classifier", """{"model": "resnet"}""", "parameters.model")]
    [InlineData("sweep", """{"kind": "sweep"}""", "parameters.kind")]
    [InlineData("sweep", """{"grid": "{\"nope\": [1]}"}""", "parameters.grid")]
    [InlineData("sweep", """{"grid": "{\"lr\": [0.01, -5]}"}""", "parameters.grid")]
    [InlineData("sweep", """{"base": "[1]"}""", "parameters.base")]
    [InlineData("gan", """{"classes": "seven"}""", "parameters.classes")]
    [InlineData("gan", """{"dataset": "{\"generator\":\"mnist1d\"}"}""", "parameters.dataset")]
    [InlineData("gan", """{"loss": "hinge"}""", "parameters.loss")]
    [InlineData("gan", """{"z_dim": 0}""", "parameters.z_dim")]
    public void Bad_parameters_are_400s_naming_the_field(string kind, string parameters, string field) =>
        Assert.Contains(field, FieldsOf(kind, parameters));

    [Fact]
    public void Json_text_parameters_may_be_given_as_json()
    {
        using var document = JsonDocument.Parse("""{"kind": "classifier", "base": {"model": "logistic", "steps": 5}, "grid": {"lr": [0.01, 0.1]}}""");
        var values = JobKindRegistry.Bind(Kinds.Get("sweep"), document.RootElement);
        Assert.Equal("""{"model": "logistic", "steps": 5}""", values.GetString("base"));
        Assert.Equal("""{"lr": [0.01, 0.1]}""", values.GetString("grid"));
    }

    [Fact]
    public void A_number_given_to_a_text_parameter_is_its_text()
    {
        using var document = JsonDocument.Parse("""{"classes": 7, "epochs": 2}""");
        var values = JobKindRegistry.Bind(Kinds.Get("gan"), document.RootElement);
        Assert.Equal("7", values.GetString("classes"));
        Assert.Equal(64, values.GetInt64("z_dim"));
        Assert.Equal(2e-4, values.GetDouble("lr"));
    }

    [Fact]
    public void A_kind_name_is_checked_and_registered_once()
    {
        var gan = Kinds.Get("gan");
        Assert.Throws<ArgumentException>(() => new JobKindRegistry([gan, gan]));
    }

    [Fact]
    public void A_sweep_over_81_dataset_configurations_validates_every_point()
    {
        const string grid = """{\"dataset.scale_coeff\": [0.2, 0.4, 0.6], \"dataset.iid_noise_scale\": [0.01, 0.02, 0.04], \"dataset.corr_noise_scale\": [0.1, 0.25, 0.5], \"dataset.shear_scale\": [0.5, 0.75, 1.0]}""";
        using var document = JsonDocument.Parse($$"""{"kind": "classifier", "grid": "{{grid}}"}""");
        var values = JobKindRegistry.Bind(Kinds.Get("sweep"), document.RootElement);
        Assert.Equal("classifier", values.GetString("kind"));
    }

    [Fact]
    public void Presets_are_the_reference_models_on_mnist1d_and_sized_to_other_data()
    {
        Assert.Same(Mnist1DModels.Cnn, ModelPresets.Resolve("CNN", [40], 10));
        var cnn = ModelPresets.Resolve("cnn", [28, 28], 10);
        Assert.Equal(new LinearLayer(32 * 7 * 7, 10), cnn.Layers[^1]);
        var gru = ModelPresets.Resolve("gru", [60], 3);
        Assert.Equal(new LinearLayer(2 * 6 * 60, 3), gru.Layers[^1]);
        Assert.Throws<ArgumentException>(() => ModelPresets.Resolve("gru", [2, 3, 4], 10));
        Assert.Throws<ArgumentException>(() => ModelPresets.Resolve("""{"InputShape":[3],"Layers":[]}""", [40], 10));
        string custom = ModelJson.Serialize(new ModelDescription([40], [new LinearLayer(40, 10)]));
        Assert.Equal(new LinearLayer(40, 10), ModelPresets.Resolve(custom, [40], 10).Layers[0]);
        Assert.Throws<ArgumentException>(() => ModelPresets.Resolve(custom, [41], 10));
    }

    [Fact]
    public void Published_accuracies_are_the_papers_and_the_distance_is_zero_inside_the_notebook_range()
    {
        Assert.Equal([32.0, 68, 94, 91], PublishedAccuracy.All.Where(p => p.Variant == BenchmarkVariants.Plain).Select(p => p.Readme));
        Assert.Equal([32.0, 68, 56, 57], PublishedAccuracy.All.Where(p => p.Variant == BenchmarkVariants.Shuffled).Select(p => p.Readme));
        var cnn = PublishedAccuracy.For("cnn", BenchmarkVariants.Plain)!;
        Assert.Equal(0, cnn.DistanceFromNotebooks(93));
        Assert.Equal(1.3, cnn.DistanceFromNotebooks(91), 6);
        Assert.Equal(0.8, cnn.DistanceFromNotebooks(95), 6);
    }
}
