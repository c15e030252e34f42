using System.Text.Json;
using Bunit;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Web.Components.Datasets;
using DigitForge.Web.Components.Forms;
using DigitForge.Web.Components.Tracking;
using MudBlazor.Services;

namespace DigitForge.ComponentTests;

/// <summary>
/// The logic behind the dataset and launch forms (checks before submit, the use case's errors shown at their fields),
/// class names, the label histogram and the tag editor.
/// </summary>
public sealed class FormAndDatasetComponentTests : BunitContext
{
    private static readonly ParameterInfo[] Schema =
    [
        new("epochs", "integer", 5L, 1, 100, null, "Epochs."),
        new("lr", "number", 0.01, 0, 1, null, "Learning rate."),
        new("model", "string", "mlp", null, null, ["logistic", "mlp", "cnn"], "Model."),
        new("padding", "integer-range", new long[] { 36, 60 }, 0, 200, null, "Padding."),
        new("shuffle", "boolean", false, null, null, null, "Shuffle."),
        new("filters", "string", "", null, null, null, "Filters."),
    ];

    public FormAndDatasetComponentTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void A_schema_form_starts_at_the_defaults_and_sends_typed_parameters()
    {
        var form = new SchemaFormModel(Schema);
        Assert.Equal("5", form.Get("epochs"));
        Assert.Equal("36", form.Get("padding.min"));
        Assert.True(form.Validate());

        var parameters = form.ToParameters();
        Assert.Equal(5L, parameters["epochs"]);
        Assert.Equal(0.01, parameters["lr"]);
        Assert.Equal(new object[] { 36L, 60L }, (object[])parameters["padding"]!);
        Assert.Equal(false, parameters["shuffle"]);
        Assert.Equal("", parameters["filters"]);

        // An earlier run's values (edit and re-run): ranges as JSON fill both ends; unknown names are ignored.
        form.Apply(new Dictionary<string, string> { ["padding"] = "[10, 20]", ["epochs"] = "7", ["nope"] = "1" });
        Assert.Equal(("10", "20", "7"), (form.Get("padding.min"), form.Get("padding.max"), form.Get("epochs")));
    }

    [Fact]
    public void Values_outside_the_schema_are_named_at_their_fields_before_submit()
    {
        var form = new SchemaFormModel(Schema);
        form.Set("epochs", "2.5");
        form.Set("lr", "abc");
        form.Set("padding.min", "70");
        form.Set("model", "rnn");
        Assert.False(form.Validate());
        Assert.Contains("whole number", form.Error("epochs"), StringComparison.Ordinal);
        Assert.Contains("'abc'", form.Error("lr"), StringComparison.Ordinal);
        Assert.Contains("minimum 70 must not exceed maximum", form.Error("padding"), StringComparison.Ordinal);
        Assert.Contains("logistic", form.Error("model"), StringComparison.Ordinal);

        form.Set("epochs", "101");
        form.Validate();
        Assert.Equal("must be between 1 and 100, got 101", form.Error("epochs"));

        // Typing a new value forgets the old error (it is checked again on submit).
        form.Set("epochs", "3");
        Assert.Null(form.Error("epochs"));
    }

    [Fact]
    public void The_use_cases_errors_show_at_their_parameter_and_the_rest_with_the_form()
    {
        var form = new SchemaFormModel(Schema);
        form.ShowServerErrors([new ValidationError("parameters.filters", "Unknown filter 'blurr'."), new ValidationError("engine", "Not installed.")]);
        Assert.Equal("Unknown filter 'blurr'.", form.Error("filters"));
        Assert.Equal("engine", Assert.Single(form.OtherErrors).Field);
        Assert.True(form.HasErrors);

        // A nested field (a dataset parameter's split) shows at its parameter, naming the part.
        form.ShowServerErrors([new ValidationError("parameters.filters.splits.train", "Too many rows.")]);
        Assert.Contains("splits.train: Too many rows.", form.Error("filters"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dataset_form_checks_splits_and_seed_and_leaves_untouched_splits_out_of_the_spec()
    {
        var generator = new GeneratorInfo("mnist1d", "1.0.0", "MNIST-1D.", Schema, ["train", "test"], new Dictionary<string, int> { ["train"] = 4000, ["test"] = 1000 }, 42, 1000);
        var form = new DatasetFormModel(generator);
        var spec = form.ToSpec();
        Assert.Equal("mnist1d", spec.GetProperty("generator").GetString());
        Assert.False(spec.TryGetProperty("splits", out _));
        Assert.Equal(42UL, spec.GetProperty("seed").GetUInt64());

        form.SetSplit("train", "-3");
        form.Seed = "5000";
        Assert.False(form.Validate());
        Assert.NotNull(form.Error("splits.train"));
        Assert.Contains("0 to 1000", form.Error("seed"), StringComparison.Ordinal);

        form.SetSplit("train", "60");
        form.Seed = "7";
        Assert.True(form.Validate());
        Assert.Equal(60, form.ToSpec().GetProperty("splits").GetProperty("train").GetInt32());

        form.ShowServerErrors([new ValidationError("splits.test", "Too many."), new ValidationError("parameters.epochs", "No.")]);
        Assert.Equal("Too many.", form.Error("splits.test"));
        Assert.Equal("No.", form.Parameters.Error("epochs"));
    }

    [Fact]
    public void Class_names_follow_the_generator()
    {
        var none = JsonDocument.Parse("{}").RootElement;
        Assert.Equal("Ankle boot", ClassNames.For("fashion-mnist", none, 9L));
        Assert.Equal("truck", ClassNames.For("cifar10", none, 9L));
        Assert.Equal("t", ClassNames.For("emnist-balanced", none, 46L));
        Assert.Null(ClassNames.For("mnist", none, 3L));
        Assert.Null(ClassNames.For("sequences", none, "4981"));

        var pair = JsonDocument.Parse("{\"parameters\": {\"source\": \"fashion-mnist\", \"pos\": 7, \"neg\": 1}}").RootElement;
        Assert.Equal("pos: Sneaker", ClassNames.For("binary-pair", pair, 1L));
        Assert.Equal("neg: Trouser", ClassNames.For("binary-pair", pair, 0L));

        var mnistC = JsonDocument.Parse("{\"parameters\": {\"corruption\": \"fog\", \"severity\": 0}}").RootElement;
        Assert.Equal("fog (default severity)", ClassNames.Shared("mnist-c", mnistC));
        Assert.Null(ClassNames.Shared("mnist", mnistC));
    }

    [Fact]
    public void The_label_histogram_draws_one_bar_per_label_scaled_to_the_largest()
    {
        var histogram = Render<LabelHistogram>(p => p.Add(c => c.Counts, new[] { new LabelCount("0", "T-shirt/top", 5), new LabelCount("1", "Trouser", 10) }));
        var rows = histogram.FindAll(".bar-row");
        Assert.Equal(2, rows.Count);
        Assert.Contains("T-shirt/top", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("width: 50%", rows[0].QuerySelector(".bar")!.GetAttribute("style"));
        Assert.Equal("width: 100%", rows[1].QuerySelector(".bar")!.GetAttribute("style"));
    }

    [Fact]
    public void The_tag_editor_hands_back_only_the_changes_with_removals_as_null()
    {
        var run = new RunDto("r1", 1, "run", "FINISHED", DateTimeOffset.UnixEpoch, null, null, null, null, null,
            new Dictionary<string, string> { ["team"] = "a", ["note"] = "x", ["digitforge.kind"] = "classifier" },
            new Dictionary<string, string>(), new Dictionary<string, MetricSummaryDto>());
        IReadOnlyDictionary<string, string?>? saved = null;
        var editor = Render<TagEditor>(p => p.Add(c => c.Run, run).Add(c => c.OnSave, changes => saved = changes));

        // The service's own tag is shown but cannot be removed.
        Assert.Equal(3, editor.FindAll(".tag-row").Count);
        Assert.Empty(editor.FindAll(".tag-row[data-tag='digitforge.kind'] .remove-tag"));

        editor.Find(".tag-row[data-tag='note'] .remove-tag").Click();
        editor.Find("#new-tag-key").Input("stage");
        editor.Find("#new-tag-value").Input("final");
        editor.Find("#add-tag").Click();
        editor.Find("#save-tags").Click();

        Assert.NotNull(saved);
        Assert.Equal(2, saved!.Count);
        Assert.Null(saved["note"]);
        Assert.Equal("final", saved["stage"]);
    }
}
