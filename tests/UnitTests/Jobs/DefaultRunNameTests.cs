using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Jobs.SubmitJob;
using DigitForge.Domain.Datasets;

namespace DigitForge.UnitTests.Jobs;

/// <summary>Launched runs without a name are named by their kind and the parameters that differ from its defaults.</summary>
public sealed class DefaultRunNameTests
{
    private static readonly ClassifierKind Classifier = new(null!, null!, null!, null!, null!);

    [Fact]
    public void Defaults_give_the_kind_alone()
    {
        var values = ParameterValues.WithDefaults(Classifier.Parameters);
        Assert.Equal("classifier", DefaultRunName.For(Classifier, values));
    }

    [Fact]
    public void Changed_parameters_follow_the_kind_and_a_dataset_shows_its_generator()
    {
        var values = ParameterValues.WithDefaults(Classifier.Parameters, new Dictionary<string, object>
        {
            ["model"] = "logistic",
            ["epochs"] = 6L,
            ["dataset"] = "{\"generator\": \"fashion-mnist\", \"seed\": 1, \"splits\": {\"train\": 400, \"test\": 100}}",
        });
        string name = DefaultRunName.For(Classifier, values);
        Assert.StartsWith("classifier ", name, StringComparison.Ordinal);
        Assert.Contains("model=logistic", name, StringComparison.Ordinal);
        Assert.Contains("epochs=6", name, StringComparison.Ordinal);
        Assert.Contains("dataset=fashion-mnist", name, StringComparison.Ordinal);
    }
}
