using System.Globalization;
using System.Text.Json.Nodes;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// <c>compositional-robustness</c> ("Modularity Trumps Invariance for Compositional Robustness", specs
/// sequences-corruptions.md B.4-B.7): the chosen methods train on the 7 elemental sets of the compositional-benchmark
/// generator (one child run each, with its curves and final models) and are tested on all 167 compositions of the
/// source's test images, built on the fly. The parent's summary holds accuracy per method and composition, means by
/// composition length, a heatmap, accuracy-vs-length curves and the compositions where modular methods gain most.
/// </summary>
public sealed class CompositionalRobustnessKind(
    ExperimentDatasets datasets, IDigitSource digits, CompositionalTrainer trainer, CompositionalEvaluator evaluator, IExperimentCharts charts, ITrainer engine) : IJobKind
{
    public const string KindName = "compositional-robustness";
    public const string SourceParameter = "source";
    public const string MethodsParameter = "methods";
    public const string PresetParameter = "preset";
    public const ulong ReferenceSeed = 38164641;

    /// <summary>28x28 grey sources (the DTN backbone), CIFAR-10 (ResNet-18) and FaceScrub (Inception-v3).</summary>
    public static IReadOnlyList<string> Sources { get; } = ["mnist", "fashion-mnist", "emnist-balanced", CorruptionSource.Cifar10, FaceScrub];

    /// <summary>The reference's third source: imported from a user's folder (<c>digitforge data import DIR --source facescrub</c>).</summary>
    public const string FaceScrub = CorruptionSource.FaceScrub;

    public string Name => KindName;

    public string Description => "Monolithic (CrossEntropy, Contrastive) vs modular (AutoModules, ImgSpace) training on the 7 elemental corruptions, tested on all 167 compositions.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Choice(SourceParameter, "mnist", Sources, "Source images (EMNIST balanced when imported; MNIST or Fashion-MNIST otherwise; cifar10 once downloaded or imported; facescrub once a folder of its faces is imported); needs train and test images in the data directory."),
        GeneratorParameter.Text(MethodsParameter, string.Join(",", CompositionalMethods.All), $"Methods to compare, comma separated: {string.Join(", ", CompositionalMethods.All)}."),
        GeneratorParameter.Choice(PresetParameter, CompositionalPreset.Cpu, CompositionalPreset.Names, "paper: the reference's sizes and 200 epochs (needs a CUDA device; refused without one); cpu: width 1/4, 2,000 train and 300 test images (CIFAR-10 1,000 and 100, FaceScrub 400 and 20), a few epochs (minutes on a CPU); smoke: seconds, a check that it runs."),
        GeneratorParameter.Integer(RecipeParameters.Seed, (long)ReferenceSeed, 0, uint.MaxValue, "Seeds the weights, the shuffling and the corruptions' random draws (the reference: 38164641)."),
        RecipeParameters.DeviceParameter,
        RecipeParameters.ThreadsParameter,
    ];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<ValidationError>();
        try
        {
            CompositionalMethods.Parse(parameters.GetString(MethodsParameter));
        }
        catch (FormatException ex)
        {
            errors.Add(new ValidationError(Field(MethodsParameter), ex.Message));
        }

        var preset = CompositionalPreset.Get(parameters.GetString(PresetParameter));
        if (preset.RequiresCuda && RecipeParameters.DeviceOf(parameters) != TrainingDevice.Cpu && CudaAvailable() == false)
        {
            errors.Add(new ValidationError(Field(PresetParameter),
                "'paper' is the reference's training (full-width backbone, every image, 200 epochs per model): it needs a CUDA device, and the engine here sees none. Run it on a GPU machine, or use preset cpu (minutes here) or smoke."));
        }
        else if (preset.RequiresCuda && RecipeParameters.DeviceOf(parameters) == TrainingDevice.Cpu)
        {
            errors.Add(new ValidationError(Field(RecipeParameters.Device),
                "'paper' is the reference's training (200 epochs per model on every image) and runs on a CUDA device; device=cpu would take weeks here. Use device auto or cuda on a GPU machine, or preset cpu."));
        }

        string source = parameters.GetString(SourceParameter);
        var (train, test) = Available(source);
        if (string.Equals(source, FaceScrub, StringComparison.OrdinalIgnoreCase) && (train == 0 || test == 0))
        {
            errors.Add(new ValidationError(Field(SourceParameter),
                "'facescrub' is not imported: FaceScrub cannot be downloaded; import a folder of its <identity>_<n>.jpg faces with `digitforge data import <folder> --source facescrub` (digitforge data status shows what is there)."));
        }
        else if (string.Equals(source, CorruptionSource.Cifar10, StringComparison.OrdinalIgnoreCase) && (train == 0 || test == 0))
        {
            errors.Add(new ValidationError(Field(SourceParameter),
                $"'cifar10' has {(train == 0 ? "no train images" : "train images")} and {(test == 0 ? "no test images" : "test images")} in the data directory: fetch it with `digitforge data download --source cifar10` or import cifar-10-binary.tar.gz with `digitforge data import <file> --source cifar10` (digitforge data status shows what is there)."));
        }
        else if (train == 0 || test == 0)
        {
            errors.Add(new ValidationError(Field(SourceParameter),
                $"'{source}' has {(train == 0 ? "no train images" : "train images")} and {(test == 0 ? "no test split" : "a test split")} in the data directory; the experiment trains on train images and tests the 167 compositions on test images (digitforge data status shows what is there)."));
        }

        return errors;
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    private static string Field(string name) => DatasetSpecError.ParameterField(name);

    /// <summary>
    /// Whether the engine here sees a CUDA device; null when no engine is installed here (an API that only queues: the
    /// workers, which may have the GPU, decide).
    /// </summary>
    private bool? CudaAvailable()
    {
        try
        {
            return engine.Describe().CudaAvailable;
        }
        catch (TrainingEngineException)
        {
            return null;
        }
    }

    /// <summary>Train and test images of <paramref name="source"/> in the data directory (0 when missing).</summary>
    private (int Train, int Test) Available(string source)
    {
        var status = digits.Status().Where(s => string.Equals(s.Source, source, StringComparison.OrdinalIgnoreCase) && s.Available).ToList();
        return (status.FirstOrDefault(s => s.Split == DataSplit.Train)?.Count ?? 0, status.FirstOrDefault(s => s.Split == DataSplit.Test)?.Count ?? 0);
    }

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var methods = CompositionalMethods.Parse(p.GetString(MethodsParameter));
        var preset = CompositionalPreset.Get(p.GetString(PresetParameter));
        string source = p.GetString(SourceParameter);
        var corruptionSource = CorruptionSource.Get(source);
        var (trainAvailable, testAvailable) = Available(source);
        int trainImages = preset.TrainImagesOf(source) == 0 ? trainAvailable : Math.Min(preset.TrainImagesOf(source), trainAvailable);
        int testImages = preset.TestImagesOf(source) == 0 ? testAvailable : Math.Min(preset.TestImagesOf(source), testAvailable);
        ulong seed = (ulong)p.GetInt64(RecipeParameters.Seed);
        int threads = p.GetInt32(RecipeParameters.Threads);

        context.Log.Write($"generating the 7 elemental training sets of {trainImages:N0} {source} images");
        var data = await datasets.LoadAsync(TrainSpec(source, trainImages, seed), Field(SourceParameter), cancellationToken, requireTest: false);
        var train = new ElementalTrainingSet(data.Train.Features.ToArray(), data.Train.Labels.ToArray(), corruptionSource.Size, corruptionSource.Channels);
        var backbone = CompositionalBackbone.For(corruptionSource, preset.Width);
        var (learningRate, contrastiveWeight) = preset.MonolithicOf(source);
        var settings = new CompositionalTrainer.Settings(preset, backbone, learningRate, contrastiveWeight, seed, RecipeParameters.DeviceOf(p), threads);
        context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"backbone: {backbone.Name} on {corruptionSource.Channels}x{corruptionSource.Size}x{corruptionSource.Size}, {corruptionSource.ClassCount} classes, width {preset.Width}; lr {learningRate}, contrastive weight {contrastiveWeight}"));
        await context.Tracker.LogParamsAsync(context.RunId, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["train_images"] = trainImages.ToString(CultureInfo.InvariantCulture),
            ["train_rows"] = train.Y.Length.ToString(CultureInfo.InvariantCulture),
            ["test_images"] = testImages.ToString(CultureInfo.InvariantCulture),
            ["compositions"] = DefaultCompositions.Count.ToString(CultureInfo.InvariantCulture),
            ["width"] = preset.Width.ToString(CultureInfo.InvariantCulture),
            ["backbone"] = backbone.Name,
            ["learning_rate"] = learningRate.ToString(CultureInfo.InvariantCulture),
            ["contrastive_weight"] = contrastiveWeight.ToString(CultureInfo.InvariantCulture),
            ["dataset_id"] = data.Spec.Id,
        }, cancellationToken);

        var trained = new List<TrainedMethod>();
        var runIds = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (string method in methods)
            {
                string child = await context.Tracker.StartChildRunAsync(context.RunId, method, new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["method"] = method,
                    ["preset"] = preset.Name,
                    ["source"] = source,
                }, data.Spec.Id, cancellationToken);
                runIds[method] = child;
                context.Log.Write($"training {method} (run {child})");
                try
                {
                    var result = await trainer.TrainAsync(context, method, child, train, settings, cancellationToken, trained);
                    trained.Add(result);
                    await UploadModelsAsync(context, result);
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

            context.Log.Write($"testing {methods.Count} method(s) on {DefaultCompositions.Count} compositions x {testImages:N0} test images");
            var evaluation = await evaluator.EvaluateAsync(CompositionalEvaluator.TestSpec(source, testImages, seed), trained, threads,
                (done, total) => context.Log.Write($"tested {done:N0}/{total:N0} images under every composition"), cancellationToken);
            var results = new CompositionalResults(evaluation, methods);
            await LogResultsAsync(context, results, runIds);
            await context.PublishSummaryAsync(results.Summary(runIds));
            foreach (string child in runIds.Values)
            {
                await context.Tracker.EndRunAsync(child, RunStatus.Finished);
            }
        }
        finally
        {
            foreach (var method in trained)
            {
                method.Dispose();
            }
        }
    }

    /// <summary>The compositional-benchmark train split: row i is elemental i mod 7 of source image i / 7.</summary>
    public static string TrainSpec(string source, int trainImages, ulong seed) => new JsonObject
    {
        ["generator"] = CompositionalBenchmarkDatasetGenerator.GeneratorName,
        ["parameters"] = new JsonObject { ["source"] = source, ["compositions"] = "identity" },
        ["splits"] = new JsonObject { ["train"] = trainImages * CompositionalSet.Elementals.Count, ["test"] = 0 },
        ["seed"] = seed,
    }.ToJsonString();

    private static async Task UploadModelsAsync(ExperimentContext context, TrainedMethod method)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"digitforge-compositional-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var (role, model) in method.Models)
            {
                string path = Path.Combine(folder, role + ".pt");
                model.Save(path);
                await context.Tracker.UploadAsync(method.RunId, $"models/{role}.pt", await File.ReadAllBytesAsync(path, CancellationToken.None), CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task LogResultsAsync(ExperimentContext context, CompositionalResults results, Dictionary<string, string> runIds)
    {
        var metrics = new List<MetricInput>();
        foreach (string m in results.Methods)
        {
            var points = results.DistinctLengths.Select(l => ((double)l, results.MeanAtLength(m, l))).ToList();
            metrics.AddRange(points.Select(pt => new MetricInput($"{m}/{CompositionalResults.LengthMetric}", pt.Item2, (long)pt.Item1)));
            await context.Tracker.LogImageAsync(context.RunId, CompositionalResults.LengthImage(m), 0,
                charts.LineChart($"{m}: accuracy vs composition length", "elementals in the composition", "accuracy", points), cancellationToken: CancellationToken.None);
            await context.Tracker.LogMetricsAsync(runIds[m],
            [
                new MetricInput("test/acc_elementals", results.MeanAtLength(m, 1), 0),
                new MetricInput("test/acc_unseen", results.UnseenMean(m), 0),
                .. results.DistinctLengths.Select(l => new MetricInput("test/acc_by_length", results.MeanAtLength(m, l), l)),
            ], CancellationToken.None);
        }

        await context.Tracker.LogMetricsAsync(context.RunId, metrics, CancellationToken.None);
        const int RowHeight = 24;
        var (height, width, pixels) = results.Heatmap(rowHeight: RowHeight);
        var picture = new HeatmapPicture("test accuracy per composition (columns by length)", height, width, pixels,
            [.. results.Methods.Select((m, i) => ((i * RowHeight) + (RowHeight / 2), m))], CompositionalResults.Colour, "0", "1");
        await context.Tracker.LogImageAsync(context.RunId, CompositionalResults.HeatmapImage, 0, charts.Heatmap(picture), cancellationToken: CancellationToken.None);
    }
}
