using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Application.Experiments.Kinds;

/// <summary>
/// <c>classifier</c>: any model (a preset or a JSON description) trained on any dataset spec with the engine. Logs
/// loss and accuracy curves, a confusion-matrix PNG of the test set, sample predictions and the checkpoint.
/// </summary>
public sealed class ClassifierKind(
    DatasetSpecResolver resolver, ExperimentDatasets datasets, ITrainer trainer, TrackedTraining training, IExperimentCharts charts) : IJobKind
{
    public const string KindName = "classifier";
    public const string DatasetParameter = "dataset";
    public const string ModelParameter = "model";
    public const string SamplesParameter = "samples";
    public const string CheckpointArtifact = "model.pt";
    public const string PredictionsArtifact = "predictions.json";
    public const string ConfusionImageKey = "confusion_matrix";

    public const string ParametersFigure = "parameters";
    public const string UpdatesFigure = "updates";
    public const string SecondsFigure = "seconds";
    public const string CpuSecondsFigure = "cpu seconds";
    public const string ThreadsFigure = "threads";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Name => KindName;

    public string Description => "A classifier (logistic, mlp, cnn, gru or a JSON model description) on any dataset spec: curves, confusion matrix, sample predictions, checkpoint.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(DatasetParameter, Mnist1DBenchmarkKind.DefaultDataset, "Dataset spec (JSON) with train and test splits and one label per row."),
        GeneratorParameter.Text(ModelParameter, "cnn", "A preset (logistic, mlp, cnn, gru) or a JSON model description."),
        GeneratorParameter.Integer(SamplesParameter, 20, 0, 1000, "Test rows whose predictions are stored as predictions.json."),
        .. RecipeParameters.All,
    ];

    public IReadOnlyList<string> DatasetParameters { get; } = [DatasetParameter];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ResolvedDatasetShape? shape;
        try
        {
            var dataset = ExperimentDatasets.Check(resolver, parameters.GetString(DatasetParameter), DatasetSpecError.ParameterField(DatasetParameter));
            var x = dataset.Layout.Arrays[dataset.Layout.IndexOf("x")];
            shape = new ResolvedDatasetShape(x.RowShape);
        }
        catch (RequestValidationException ex)
        {
            return ex.Errors;
        }

        try
        {
            // The class count is only known from the data; 10 is enough to check that the preset fits the shape.
            ModelPresets.Resolve(parameters.GetString(ModelParameter), shape.InputShape, 10);
        }
        catch (ArgumentException ex)
        {
            return [new ValidationError(DatasetSpecError.ParameterField(ModelParameter), ex.Message.Split(" (Parameter", 2)[0])];
        }

        return [];
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var recipe = RecipeParameters.Recipe(p);
        context.Log.Write("generating the dataset");
        var data = await datasets.LoadAsync(p.GetString(DatasetParameter), DatasetSpecError.ParameterField(DatasetParameter), cancellationToken);
        var description = ModelPresets.Resolve(p.GetString(ModelParameter), data.InputShape, data.Classes);
        var runParams = new Dictionary<string, string>(RecipeParameters.AsParams(p), StringComparer.Ordinal)
        {
            ["model"] = p.GetString(ModelParameter).TrimStart().StartsWith('{') ? "custom" : p.GetString(ModelParameter).Trim().ToLowerInvariant(),
            ["dataset_generator"] = data.Spec.Generator.Name,
            ["dataset_id"] = data.Spec.Id,
            ["classes"] = data.Classes.ToString(CultureInfo.InvariantCulture),
        };
        await context.Tracker.LogParamsAsync(context.RunId, runParams, cancellationToken);

        using var model = trainer.CreateModel(description, RecipeParameters.DeviceOf(p), recipe.Seed);
        context.Log.Write($"training {runParams["model"]} ({model.ParameterCount:N0} parameters) on {data.Spec.Generator.Name}, {data.Train.Rows} train / {data.Test.Rows} test rows, {model.Device}");
        var report = await training.TrainClassifierAsync(context, context.RunId, runParams["model"], model, recipe, data.Train, data.Test, cancellationToken);
        context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"test accuracy {report.Final(data.Test.Name)?.Accuracy * 100:0.00} %"));

        long[] predicted = model.Predict(data.Test.Features.Span);
        long[] labels = data.Test.Labels.ToArray();
        var counts = new long[data.Classes, data.Classes];
        for (int i = 0; i < predicted.Length; i++)
        {
            if (labels[i] < data.Classes && predicted[i] >= 0 && predicted[i] < data.Classes)
            {
                counts[labels[i], predicted[i]]++;
            }
        }

        await context.Tracker.LogImageAsync(context.RunId, ConfusionImageKey, report.Updates, charts.ConfusionMatrix(counts, ClassNames(data.Spec.Generator.Name, data.Classes)), "test set: rows true, columns predicted", CancellationToken.None);

        int samples = Math.Min(p.GetInt32(SamplesParameter), predicted.Length);
        var sample = Enumerable.Range(0, samples).Select(i => new { index = i, label = labels[i], predicted = predicted[i] }).ToArray();
        await context.Tracker.UploadAsync(context.RunId, PredictionsArtifact, JsonSerializer.SerializeToUtf8Bytes(sample, Json), CancellationToken.None);

        string checkpoint = Path.Combine(Path.GetTempPath(), $"digitforge-{context.RunId}-{Guid.NewGuid():N}.pt");
        try
        {
            model.Save(checkpoint);
            await context.Tracker.UploadAsync(context.RunId, CheckpointArtifact, await File.ReadAllBytesAsync(checkpoint, CancellationToken.None), CancellationToken.None);
        }
        finally
        {
            File.Delete(checkpoint);
        }

        await context.PublishSummaryAsync(Summary(report, data, model.ParameterCount));
    }

    private static ExperimentSummary Summary(TrainingReport report, ExperimentDataset data, long parameters)
    {
        var figures = new List<SummaryFigure>();
        foreach (var split in new[] { data.Test.Name, data.Train.Name })
        {
            if (report.Final(split) is { } final)
            {
                figures.Add(new SummaryFigure($"{split} accuracy", string.Create(CultureInfo.InvariantCulture, $"{final.Accuracy * 100:0.00} %"), final.Accuracy));
                figures.Add(new SummaryFigure($"{split} loss", final.Loss.ToString("0.0000", CultureInfo.InvariantCulture), final.Loss));
            }
        }

        figures.Add(new SummaryFigure(ParametersFigure, parameters.ToString("N0", CultureInfo.InvariantCulture), parameters));
        figures.Add(new SummaryFigure(UpdatesFigure, report.Updates.ToString(CultureInfo.InvariantCulture), report.Updates));
        figures.Add(new SummaryFigure(SecondsFigure, report.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), report.Elapsed.TotalSeconds));
        figures.Add(new SummaryFigure(CpuSecondsFigure, report.CpuTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), report.CpuTime.TotalSeconds));
        figures.Add(new SummaryFigure(ThreadsFigure, report.Threads.ToString(CultureInfo.InvariantCulture), report.Threads));
        figures.Add(new SummaryFigure(TrackedTraining.EnginePathParam, report.Fused ? "fused" : "torch"));
        return new ExperimentSummary(
            figures,
            [],
            [new SummaryImage(ConfusionImageKey, "Confusion matrix (test set)")],
            [new SummaryCurve($"{data.Test.Name}/acc", "Test accuracy"), new SummaryCurve("batch/loss", "Training loss")]);
    }

    /// <summary>Fashion-MNIST's class names (its README's order) for the confusion matrix; other datasets' classes are their digits.</summary>
    private static readonly string[] FashionMnistClasses = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static string[]? ClassNames(string generator, int classes) =>
        generator == "fashion-mnist" && classes == FashionMnistClasses.Length ? FashionMnistClasses : null;

    private sealed record ResolvedDatasetShape(IReadOnlyList<int> InputShape);
}
