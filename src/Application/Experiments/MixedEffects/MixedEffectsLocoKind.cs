using System.Globalization;
using System.Text.Json.Nodes;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>
/// <c>mixed-effects-loco</c>: ARMED's comparison of conventional and mixed-effects networks under leave-one-cluster-out
/// cross-validation (specs/morpho-mixed-effects.md §2.2) on any dataset spec with a per-row <c>cluster</c> array. For
/// each held-out cluster: the stratified seen-cluster splits (<see cref="LocoFold"/>), one child run per model
/// (engine task <c>mixed_effects</c>), accuracy on Train / Seen test / Held-out cluster. The parent's summary: mean
/// (s.d.) per model and partition, paired t-tests against the conventional model, a bar chart per partition, and
/// per-cluster decision-boundary panels on each child run for 2-D data.
/// </summary>
public sealed class MixedEffectsLocoKind(
    DatasetSpecResolver resolver, ClusteredDatasets datasets, ITrainer trainer, TrackedTraining training, IMixedEffectsCharts charts) : IJobKind
{
    public const string KindName = "mixed-effects-loco";
    public const string TaskName = "mixed_effects";
    public const string DatasetParameter = "dataset";
    public const string ModelsParameter = "models";
    public const string FoldsParameter = "folds";
    public const string EvaluateTestParameter = "evaluate_test";
    public const string BoundariesParameter = "decision_boundaries";
    public const string ReseedEachFoldParameter = "reseed_each_fold";
    public const string DefaultModels = "conventional,mldg,cluster_input,me_mlp";

    /// <summary>spiral_classification_main.py's defaults: 10 clusters, radius s.d. 0.2, noise 0.2, 360°, seed 8.</summary>
    public const string DefaultDataset = """{"generator":"spirals","parameters":{"clusters":10,"radius_sd":0.2,"noise":0.2,"degrees":360},"seed":8}""";

    private const int GridSize = 60;

    /// <summary>tf.keras.optimizers.Adam's default epsilon (the reference trains with Keras' defaults).</summary>
    public const double KerasAdamEpsilon = 1e-7;

    public string Name => KindName;

    public string Description => "ARMED's mixed-effects comparison: conventional, cluster-input, MLDG, ME-MLP, ARMED under leave-one-cluster-out CV, with t-tests and decision boundaries.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(DatasetParameter, DefaultDataset, "Clustered dataset spec (JSON) with a per-row 'cluster' array, e.g. spirals or morpho-clusters; its train split is used."),
        GeneratorParameter.Text(ModelsParameter, DefaultModels, "Models to compare, comma-separated: " + string.Join(", ", MixedEffectsModels.Names) + " (conventional is the t-tests' baseline)."),
        GeneratorParameter.Integer(RecipeParameters.Epochs, 100, 1, 100_000, "Epochs per model and fold (the reference: 100)."),
        GeneratorParameter.Integer(FoldsParameter, 0, 0, 1000, "Held-out clusters 0..folds-1 in turn (0: every cluster, the full LOCO)."),
        GeneratorParameter.Boolean(EvaluateTestParameter, false, "Train on all 80 % (no 12.5 % validation split), as the reference's --evaluate_test."),
        GeneratorParameter.Boolean(BoundariesParameter, true, "Per-cluster decision-boundary panels on each child run (2-D features only)."),
        GeneratorParameter.Integer(RecipeParameters.Batch, 32, 1, 100_000, "Mini-batch size (the reference: 32)."),
        GeneratorParameter.Number(RecipeParameters.LearningRate, 1e-3, 1e-8, 10, "Adam learning rate (the reference: 1e-3)."),
        GeneratorParameter.Integer(RecipeParameters.Seed, 8, 0, uint.MaxValue, "Seeds the splits, the weights and the shuffling (the reference's --random_seed 8)."),
        GeneratorParameter.Boolean(ReseedEachFoldParameter, false,
            "Re-seed before every fold, as the reference notebook's cross_validate (tf.random.set_seed(seed) per fold): each model starts every fold from the same initial weights and the same shuffling and random-effects stream. Off: each fold and model draws its own."),
        RecipeParameters.DeviceParameter,
        GeneratorParameter.Integer(RecipeParameters.Threads, 1, 0, 1024, "libtorch CPU threads (tiny models: 1 is fastest; 0: one per core)."),
    ];

    public IReadOnlyList<string> DatasetParameters { get; } = [DatasetParameter];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<ValidationError>();
        try
        {
            ParseModels(parameters.GetString(ModelsParameter));
        }
        catch (ArgumentException ex)
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(ModelsParameter), ex.Message));
        }

        string field = DatasetSpecError.ParameterField(DatasetParameter);
        try
        {
            var resolved = ClusteredDatasets.Check(resolver, parameters.GetString(DatasetParameter), field);
            if (ClusteredDatasets.DeclaredClusters(resolved) is { } clusters)
            {
                errors.AddRange(CheckClusters(clusters, parameters.GetInt32(FoldsParameter)));
            }
        }
        catch (RequestValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        return errors;
    }

    private static IEnumerable<ValidationError> CheckClusters(int clusters, int folds)
    {
        if (clusters < 2)
        {
            yield return new ValidationError(DatasetSpecError.ParameterField(DatasetParameter),
                $"The dataset has {clusters} cluster; leave-one-cluster-out needs at least 2 (one held out, one seen).");
        }
        else if (folds > clusters)
        {
            yield return new ValidationError(DatasetSpecError.ParameterField(FoldsParameter),
                $"{folds} folds, but the dataset has only {clusters} clusters (one fold per held-out cluster; 0 = all).");
        }
    }

    /// <summary>The models, in the given order; throws <see cref="ArgumentException"/> naming an unknown one.</summary>
    public static IReadOnlyList<string> ParseModels(string text)
    {
        var models = (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (models.Count == 0)
        {
            throw new ArgumentException("Name at least one model: " + string.Join(", ", MixedEffectsModels.Names) + ".");
        }

        foreach (string model in models)
        {
            if (!MixedEffectsModels.Names.Contains(model, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Unknown model '{model}'. Known: {string.Join(", ", MixedEffectsModels.Names)}.");
            }
        }

        return models;
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var models = ParseModels(p.GetString(ModelsParameter));
        context.Log.Write("generating the dataset");
        var (spec, data) = await datasets.LoadAsync(p.GetString(DatasetParameter), DatasetSpecError.ParameterField(DatasetParameter), cancellationToken);
        var problems = CheckClusters(data.Clusters, p.GetInt32(FoldsParameter)).ToList();
        if (problems.Count > 0)
        {
            throw new RequestValidationException(problems);
        }

        int folds = p.GetInt32(FoldsParameter) == 0 ? data.Clusters : p.GetInt32(FoldsParameter);
        ulong seed = (ulong)p.GetInt64(RecipeParameters.Seed);
        bool evaluateTest = p.GetBoolean(EvaluateTestParameter);
        bool reseed = p.GetBoolean(ReseedEachFoldParameter);
        bool boundaries = p.GetBoolean(BoundariesParameter) && data.Features == 2;
        await context.Tracker.LogParamsAsync(context.RunId, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dataset_generator"] = spec.Generator.Name,
            ["dataset_id"] = spec.Id,
            ["rows"] = data.Rows.ToString(CultureInfo.InvariantCulture),
            ["clusters"] = data.Clusters.ToString(CultureInfo.InvariantCulture),
            ["classes"] = data.Classes.ToString(CultureInfo.InvariantCulture),
            ["mldg"] = "first-order",
            ["init"] = reseed ? "reseeded every fold (the notebook's tf.random.set_seed per fold)" : "drawn per fold and model",
        }, cancellationToken);
        context.Log.Write(string.Create(CultureInfo.InvariantCulture,
            $"{data.Rows:N0} rows of {spec.Generator.Name}, {data.Clusters} clusters, {data.Classes} classes; {folds} folds x {models.Count} models ({string.Join(", ", models)})"));

        var scores = new List<LocoScore>();
        var boundaryRuns = new List<string>();
        var bounds = Bounds(data);
        for (int fold = 0; fold < folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var split = LocoFold.Make(data, fold, evaluateTest, seed);
            var inputs = Inputs(data, split, boundaries ? bounds : null);
            for (int m = 0; m < models.Count; m++)
            {
                string model = models[m];
                string name = $"{MixedEffectsModels.Title(model)}, held-out cluster {fold}";
                var runParams = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["model"] = model,
                    ["fold"] = fold.ToString(CultureInfo.InvariantCulture),
                    ["held_out_cluster"] = fold.ToString(CultureInfo.InvariantCulture),
                    ["train_rows"] = split.Train.Length.ToString(CultureInfo.InvariantCulture),
                    ["validation_rows"] = split.Validation.Length.ToString(CultureInfo.InvariantCulture),
                    ["test_rows"] = split.Test.Length.ToString(CultureInfo.InvariantCulture),
                    ["unseen_rows"] = split.Unseen.Length.ToString(CultureInfo.InvariantCulture),
                    [RecipeParameters.Epochs] = p.GetInt32(RecipeParameters.Epochs).ToString(CultureInfo.InvariantCulture),
                };
                string child = await context.Tracker.StartChildRunAsync(context.RunId, name, runParams, spec.Id, cancellationToken);
                string output = Path.Combine(Path.GetTempPath(), $"digitforge-loco-{child}-{Guid.NewGuid():N}");
                Directory.CreateDirectory(output);
                try
                {
                    var final = new Dictionary<(string Split, string Name), double>();
                    var roles = MixedEffectsModels.Roles(model, data.Features, data.Clusters - 1, data.Classes);
                    var engineModels = new List<ITrainableModel>();
                    try
                    {
                        var device = RecipeParameters.DeviceOf(p);
                        for (int r = 0; r < roles.Count; r++)
                        {
                            engineModels.Add(trainer.CreateModel(roles[r].Description, device, WeightSeed(seed, fold, r, reseed)));
                        }

                        var request = new TrainingTaskRequest(TaskName, [.. roles.Select((role, r) => new TaskModel(role.Role, engineModels[r]))], inputs,
                            Recipe(p, model, boundaries ? data.Clusters : 0, output, TrainingSeed(seed, fold, reseed)));
                        var report = await training.RunAsync(context, child, request, metric => final[(metric.Split, metric.Name)] = metric.Value, cancellationToken);
                        var partitions = new Dictionary<string, PartitionScore>(StringComparer.Ordinal);
                        foreach (var (partition, _) in LocoResults.Partitions)
                        {
                            if (final.TryGetValue((partition, "acc"), out double acc))
                            {
                                partitions[partition] = new PartitionScore(acc, final.GetValueOrDefault((partition, "balanced_acc"), double.NaN),
                                    final.GetValueOrDefault((partition, "ref_balanced_acc"), double.NaN));
                            }
                        }

                        scores.Add(new LocoScore(model, fold, child, partitions));
                        context.Log.Write(string.Create(CultureInfo.InvariantCulture,
                            $"{name}: train {Acc(partitions, LocoResults.Train)}, seen test {Acc(partitions, LocoResults.Test)}, held-out {Acc(partitions, LocoResults.Unseen)} ({report.Elapsed.TotalSeconds:0.00} s, {report.CpuTime.TotalSeconds:0.00} s CPU)"));
                        if (boundaries)
                        {
                            var png = charts.DecisionBoundaries(Panels(data, split, bounds, output), Math.Min(5, data.Clusters));
                            await context.Tracker.LogImageAsync(child, LocoResults.BoundariesKey, fold, png,
                                $"{MixedEffectsModels.Title(model)}: predicted class per cluster (held-out cluster {fold} in red, Z = 0)", CancellationToken.None);
                            if (fold == 0)
                            {
                                boundaryRuns.Add(child);
                            }
                        }
                    }
                    finally
                    {
                        foreach (var e in engineModels)
                        {
                            e.Dispose();
                        }
                    }

                    await context.Tracker.EndRunAsync(child, RunStatus.Finished);
                    var metrics = scores[^1].Partitions.Select(kv => new MetricInput($"acc/{kv.Key}/{model}", kv.Value.Accuracy, fold)).ToList();
                    await context.Tracker.LogMetricsAsync(context.RunId, metrics, CancellationToken.None);
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
                finally
                {
                    TryDelete(output);
                }
            }

            await PublishAsync(context, scores, models, folds, boundaryRuns, fold, [.. data.Effects.Select((e, c) => (c, e))]);
        }
    }

    private async Task PublishAsync(ExperimentContext context, List<LocoScore> scores, IReadOnlyList<string> models, int folds, List<string> boundaryRuns, int fold,
        IReadOnlyList<(int Cluster, string Effects)> clusterTable)
    {
        var aggregates = LocoResults.Aggregate(scores, models);
        foreach (var (partition, title) in LocoResults.Partitions)
        {
            var bars = models.Select(m => aggregates.FirstOrDefault(a => a.Model == m && a.Partition == partition) is { } a
                ? (MixedEffectsModels.Title(m), a.Mean, a.Sd) : (MixedEffectsModels.Title(m), double.NaN, double.NaN)).ToList();
            await context.Tracker.LogImageAsync(context.RunId, LocoResults.BarsKey(partition), fold, charts.Bars($"{title} accuracy after {fold + 1} folds", bars),
                $"{title} accuracy after {fold + 1} folds: " + string.Join(", ", models.Select((m, i) => $"{i + 1} {MixedEffectsModels.Title(m)}")), CancellationToken.None);
        }

        // Running means per model and partition, e.g. mean_acc/test/me_mlp: what a sweep over this kind summarises.
        await context.Tracker.LogMetricsAsync(context.RunId,
            [.. aggregates.Select(a => new MetricInput($"mean_acc/{a.Partition}/{a.Model}", a.Mean, fold))], CancellationToken.None);
        await context.PublishSummaryAsync(LocoResults.Summary(scores, models, folds, clusterTable, boundaryRuns));
    }

    private static string Acc(Dictionary<string, PartitionScore> partitions, string split) =>
        partitions.TryGetValue(split, out var s) ? s.Accuracy.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    /// <summary>
    /// The seed of role <paramref name="role"/>'s initial weights in fold <paramref name="fold"/>. With
    /// <paramref name="reseed"/> (the notebook's tf.random.set_seed before each fold) it does not depend on the fold,
    /// so the model starts every fold from the same weights (Z has clusters - 1 columns in every fold, so the shapes
    /// agree too).
    /// </summary>
    public static ulong WeightSeed(ulong seed, int fold, int role, bool reseed) =>
        seed + (reseed ? 0UL : (ulong)(1000 * fold)) + (ulong)role;

    /// <summary>The task's seed (batch shuffling, random-effects draws): per fold, or the job's seed in every fold with <paramref name="reseed"/>.</summary>
    public static ulong TrainingSeed(ulong seed, int fold, bool reseed) => reseed ? seed : seed + (ulong)fold;

    /// <summary>The mixed_effects task's recipe (native/src/tasks/mixed_effects.cpp).</summary>
    public static string Recipe(ParameterValues p, string model, int predictClusters, string outputDir, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(p);
        var recipe = new JsonObject
        {
            ["model"] = MixedEffectsModels.EngineModel(model),
            ["epochs"] = p.GetInt32(RecipeParameters.Epochs),
            ["batch_size"] = p.GetInt32(RecipeParameters.Batch),
            // Keras' Adam (the reference's optimizer): epsilon 1e-7, where libtorch's default is 1e-8.
            ["optimizer"] = new JsonObject { ["type"] = "adam", ["learning_rate"] = p.GetDouble(RecipeParameters.LearningRate), ["eps"] = KerasAdamEpsilon },
            ["seed"] = seed,
            ["threads"] = p.GetInt32(RecipeParameters.Threads),
        };
        foreach (var (key, value) in MixedEffectsModels.RecipeExtras(model))
        {
            recipe[key] = JsonValue.Create(value);
        }

        if (predictClusters > 0)
        {
            recipe["predict_sets"] = new JsonArray([.. Enumerable.Range(0, predictClusters).Select(c => (JsonNode)JsonValue.Create($"cluster{c}"))]);
            recipe["predictions_dir"] = outputDir;
        }

        return recipe.ToJsonString();
    }

    private static List<TaskInput> Inputs(ClusteredData data, LocoFold fold, (double MinX, double MaxX, double MinY, double MaxY)? bounds)
    {
        var inputs = new List<TaskInput>();
        void Add(string set, int[] rows)
        {
            int width = data.Features, zWidth = data.Clusters - 1;
            var x = new float[rows.Length * width];
            var y = new long[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                Array.Copy(data.X, (long)rows[i] * width, x, (long)i * width, width);
                y[i] = data.Y[rows[i]];
            }

            inputs.Add(TaskInput.Float32(set + "_x", x, rows.Length, width));
            inputs.Add(TaskInput.Int64(set + "_y", y, rows.Length));
            inputs.Add(TaskInput.Float32(set + "_z", fold.Z(data, rows), rows.Length, zWidth));
        }

        Add("train", fold.Train);
        if (fold.Validation.Length > 0)
        {
            Add("val", fold.Validation);
        }

        Add(LocoResults.Test, fold.Test);
        Add(LocoResults.Unseen, fold.Unseen);
        if (bounds is { } b)
        {
            float[] grid = Grid(b);
            for (int c = 0; c < data.Clusters; c++)
            {
                inputs.Add(TaskInput.Float32($"cluster{c}_x", grid, GridSize * GridSize, 2));
                inputs.Add(TaskInput.Float32($"cluster{c}_z", fold.ZFor(data.Clusters, c, GridSize * GridSize), GridSize * GridSize, data.Clusters - 1));
            }
        }

        return inputs;
    }

    private static (double MinX, double MaxX, double MinY, double MaxY) Bounds(ClusteredData data)
    {
        if (data.Features != 2 || data.Rows == 0)
        {
            return (-1, 1, -1, 1);
        }

        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (int i = 0; i < data.Rows; i++)
        {
            minX = Math.Min(minX, data.X[2 * i]);
            maxX = Math.Max(maxX, data.X[2 * i]);
            minY = Math.Min(minY, data.X[(2 * i) + 1]);
            maxY = Math.Max(maxY, data.X[(2 * i) + 1]);
        }

        double padX = 0.05 * (maxX - minX) + 1e-6, padY = 0.05 * (maxY - minY) + 1e-6;
        return (minX - padX, maxX + padX, minY - padY, maxY + padY);
    }

    /// <summary>Cell centres, row 0 at the top (max x2), as the panels draw them.</summary>
    private static float[] Grid((double MinX, double MaxX, double MinY, double MaxY) b)
    {
        var grid = new float[GridSize * GridSize * 2];
        for (int gy = 0; gy < GridSize; gy++)
        {
            for (int gx = 0; gx < GridSize; gx++)
            {
                int cell = (gy * GridSize) + gx;
                grid[2 * cell] = (float)(b.MinX + ((gx + 0.5) / GridSize * (b.MaxX - b.MinX)));
                grid[(2 * cell) + 1] = (float)(b.MaxY - ((gy + 0.5) / GridSize * (b.MaxY - b.MinY)));
            }
        }

        return grid;
    }

    private static List<BoundaryPanel> Panels(ClusteredData data, LocoFold fold, (double MinX, double MaxX, double MinY, double MaxY) b, string output)
    {
        var panels = new List<BoundaryPanel>();
        for (int c = 0; c < data.Clusters; c++)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(output, $"predictions-cluster{c}.f32"));
            var probabilities = new float[bytes.Length / sizeof(float)];
            Buffer.BlockCopy(bytes, 0, probabilities, 0, probabilities.Length * sizeof(float));
            // Up to 300 of the cluster's points, evenly spaced, so the panel stays readable.
            var rows = Enumerable.Range(0, data.Rows).Where(i => data.Cluster[i] == c).ToList();
            int stride = Math.Max(1, rows.Count / 300);
            var points = rows.Where((_, i) => i % stride == 0).Select(i => ((double)data.X[2 * i], (double)data.X[(2 * i) + 1], (int)data.Y[i])).ToList();
            panels.Add(new BoundaryPanel(c, GridSize, data.Classes, probabilities, b.MinX, b.MaxX, b.MinY, b.MaxY, points, c == fold.HeldOut));
        }

        return panels;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a finished fold for.
        }
    }
}
