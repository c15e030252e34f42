using System.Diagnostics;
using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Experiments.Benchmark;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Tracking;
using DigitForge.Application.Datasets.Specs;

namespace DigitForge.Application.Experiments.Kinds;

/// <summary>
/// <c>mnist1d-benchmark</c>: the MNIST-1D table in one job. Logistic, MLP, CNN and GRU with the reference recipe on
/// the dataset spec (default: the published dataset, reference mode), optionally also on the shuffled-sequence
/// variant; one child run per model and variant, and the results table beside the published numbers on the parent.
/// </summary>
public sealed class Mnist1DBenchmarkKind(DatasetSpecResolver resolver, ExperimentDatasets datasets, ITrainer trainer, TrackedTraining training) : IJobKind
{
    public const string KindName = "mnist1d-benchmark";
    public const string DatasetParameter = "dataset";
    public const string ModelsParameter = "models";
    public const string ShuffledParameter = "shuffled";
    public const string DefaultDataset = """{"generator":"mnist1d"}""";

    public string Name => KindName;

    public string Description => "The MNIST-1D benchmark: logistic, MLP, CNN and GRU with the reference settings, plain and shuffled, beside the published accuracies.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(DatasetParameter, DefaultDataset, "Dataset spec (JSON); default: the published MNIST-1D (reference mode)."),
        GeneratorParameter.Text(ModelsParameter, string.Join(",", ModelPresets.Names), "Comma-separated models: logistic, mlp, cnn, gru."),
        GeneratorParameter.Boolean(ShuffledParameter, false, "Also train every model on the shuffled-sequence variant (shuffle_seq = true)."),
        .. RecipeParameters.All,
    ];

    public IReadOnlyList<string> DatasetParameters { get; } = [DatasetParameter];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<ValidationError>();
        string field = DatasetSpecError.ParameterField(DatasetParameter);
        try
        {
            var dataset = ExperimentDatasets.Check(resolver, parameters.GetString(DatasetParameter), field);
            if (parameters.GetBoolean(ShuffledParameter) && dataset.Generator.Name != "mnist1d")
            {
                errors.Add(new ValidationError(DatasetSpecError.ParameterField(ShuffledParameter), "The shuffled variant needs an mnist1d dataset (it sets shuffle_seq)."));
            }
        }
        catch (RequestValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        var models = Models(parameters);
        if (models.Count == 0 || models.Any(m => !ModelPresets.Names.Contains(m)))
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(ModelsParameter), $"Give one or more of {string.Join(", ", ModelPresets.Names)}, comma-separated; got '{parameters.GetString(ModelsParameter)}'."));
        }

        return errors;
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var recipe = RecipeParameters.Recipe(p);
        var device = RecipeParameters.DeviceOf(p);
        string spec = p.GetString(DatasetParameter);
        var variants = new List<(string Name, string Spec)> { (BenchmarkVariants.Plain, spec) };
        if (p.GetBoolean(ShuffledParameter))
        {
            variants.Add((BenchmarkVariants.Shuffled, ExperimentDatasets.WithParameter(spec, "shuffle_seq", true)));
        }

        var rows = new List<BenchmarkRow>();
        foreach (var (variant, variantSpec) in variants)
        {
            context.Log.Write($"generating the {variant} dataset");
            var data = await datasets.LoadAsync(variantSpec, DatasetSpecError.ParameterField(DatasetParameter), cancellationToken);
            bool hasPublished = data.Spec.Generator.Name == "mnist1d" && data.InputShape is [40];
            foreach (string model in Models(p))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var description = ModelPresets.Resolve(model, data.InputShape, data.Classes);
                var runParams = new Dictionary<string, string>(RecipeParameters.AsParams(p), StringComparer.Ordinal)
                {
                    ["model"] = model,
                    ["variant"] = variant,
                };
                string name = variant == BenchmarkVariants.Plain ? model : $"{model} ({variant})";
                string child = await context.Tracker.StartChildRunAsync(context.RunId, name, runParams, data.Spec.Id, cancellationToken);
                context.Log.Write($"training {name} (run {child})");
                try
                {
                    var clock = Stopwatch.StartNew();
                    using var engineModel = trainer.CreateModel(description, device, recipe.Seed);
                    var report = await training.TrainClassifierAsync(context, child, name, engineModel, recipe, data.Train, data.Test, cancellationToken);
                    double test = report.Final(data.Test.Name)?.Accuracy ?? double.NaN;
                    double train = report.Final(data.Train.Name)?.Accuracy ?? double.NaN;
                    var reference = hasPublished ? PublishedAccuracy.For(model, variant) : null;
                    rows.Add(new BenchmarkRow(model, variant, child, test, train, engineModel.ParameterCount, Math.Round(clock.Elapsed.TotalSeconds, 2),
                        reference?.Readme, reference?.NotebooksMin, reference?.NotebooksMax));
                    await context.Tracker.EndRunAsync(child, RunStatus.Finished);
                    await context.Tracker.LogMetricsAsync(context.RunId, [new MetricInput(MetricKey(variant, model), test, 0)], CancellationToken.None);
                    await context.Tracker.UploadAsync(context.RunId, BenchmarkResults.ArtifactPath, new BenchmarkResults(rows).ToJson(), CancellationToken.None);
                    await context.PublishSummaryAsync(BenchmarkSummary.Of(rows));
                    string publishedText = reference is null
                        ? string.Empty
                        : string.Create(CultureInfo.InvariantCulture, $" (published: README {reference.Readme:0.#} %, notebooks {(reference.NotebooksMin == reference.NotebooksMax ? $"{reference.NotebooksMin:0.#}" : $"{reference.NotebooksMin:0.#}-{reference.NotebooksMax:0.#}")} %)");
                    context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"{name}: test accuracy {test * 100:0.0} %{publishedText}"));
                }
                catch (OperationCanceledException)
                {
                    await context.Tracker.EndRunAsync(child, RunStatus.Cancelled, "The job was cancelled.");
                    throw;
                }
                catch (Exception ex)
                {
                    await context.Tracker.EndRunAsync(child, RunStatus.Failed, ex.Message);
                    throw;
                }
            }
        }
    }

    /// <summary>The parent run's metric for one cell of the table, e.g. <c>test_acc/plain/cnn</c>.</summary>
    public static string MetricKey(string variant, string model) => $"test_acc/{variant}/{model}";

    private static List<string> Models(ParameterValues p) =>
        [.. p.GetString(ModelsParameter).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(m => m.ToLowerInvariant()).Distinct()];
}
