using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitForge.Application.Common;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs.ChildJobs;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>
/// <c>mixed-effects-grid</c>: <c>spiral_classification_paramgrid.py</c> as a preset sweep of <c>mixed-effects-loco</c>
/// (specs/morpho-mixed-effects.md §2.2): every configuration of radius s.d. × noise × degrees × clusters is a child job
/// (any worker may run it, see <see cref="ChildJobRunner"/>) that runs the LOCO comparison with <c>evaluate_test</c> (train on all 80 %), and its result is each model's mean
/// seen-test accuracy (the reference's trial metric). The parent gets the table, a <c>grid/&lt;model&gt;</c> metric per
/// configuration and the heatmap (one facet panel per model). Presets: <c>paper</c> (the 81 configurations, 100 epochs,
/// every cluster held out once: a GPU or many workers' job), <c>paper_10_clusters</c> (its 27 configurations at 10
/// clusters, the paper's settings otherwise) and <c>cpu</c> (8 corner configurations, 10 epochs,
/// 2 folds).
/// </summary>
public sealed class MixedEffectsGridKind(Lazy<JobKindRegistry> kinds, IExperimentCharts charts, ChildJobRunner childJobs) : IJobKind
{
    public const string KindName = "mixed-effects-grid";
    public const string PresetParameter = "preset";
    public const string HeatmapImage = "grid_heatmap";
    public const string PointsParameter = "points_per_cluster";
    public const string ClustersParameter = "clusters";
    private const int MaxClusters = 1000;
    public const string DefaultModels = "conventional,cluster_input,mldg,me_mlp";
    private const string Paper = "paper";
    public const string PaperTenClusters = "paper_10_clusters";
    private const string Cpu = "cpu";

    public string Name => KindName;

    public string Description => "ARMED's 81-configuration spiral grid (radius s.d. × noise × degrees × clusters) as a sweep of mixed-effects-loco: mean seen-test accuracy per model, table and heatmap.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Choice(PresetParameter, Cpu, [Cpu, Paper, PaperTenClusters], "paper: the reference's 81 configurations, 100 epochs, full LOCO; paper_10_clusters: the slice of it at 10 clusters (27 configurations), as paper otherwise; cpu: 8 corner configurations (radius s.d. 0.1/0.5, noise 0.05/0.3, 360/720°, 10 clusters), 10 epochs, 2 folds."),
        GeneratorParameter.Text(MixedEffectsLocoKind.ModelsParameter, DefaultModels, "Models to compare at every configuration (mixed-effects-loco's presets)."),
        GeneratorParameter.Integer(RecipeParameters.Epochs, 0, 0, 100_000, "Epochs per model and fold (0: the preset's, 100 or 10)."),
        GeneratorParameter.Integer(MixedEffectsLocoKind.FoldsParameter, 0, 0, 1000, "Held-out clusters per configuration (0: the preset's; paper every cluster, cpu 2)."),
        GeneratorParameter.Text(ClustersParameter, string.Empty, "Cluster counts to run instead of the preset's (comma-separated, e.g. 20 or 20,30: a slice of the paper grid; empty: the preset's)."),
        GeneratorParameter.Integer(PointsParameter, 0, 0, 1_000_000, "Points per cluster of every configuration's spirals (0: the generator's default, as the reference)."),
        GeneratorParameter.Integer(RecipeParameters.Seed, 8, 0, uint.MaxValue, "Seeds the data, the splits and the weights (the reference's --random_seed 8)."),
        RecipeParameters.DeviceParameter,
        GeneratorParameter.Integer(RecipeParameters.Threads, 1, 0, 1024, "libtorch CPU threads per model."),
    ];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<ValidationError>();
        try
        {
            MixedEffectsLocoKind.ParseModels(parameters.GetString(MixedEffectsLocoKind.ModelsParameter));
        }
        catch (ArgumentException ex)
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(MixedEffectsLocoKind.ModelsParameter), ex.Message));
        }

        SpiralGrid grid;
        try
        {
            grid = GridOf(parameters);
        }
        catch (ArgumentException ex)
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(ClustersParameter), ex.Message));
            return errors;
        }

        int folds = Folds(parameters);
        if (folds > grid.Clusters.Min())
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(MixedEffectsLocoKind.FoldsParameter),
                $"{folds} folds, but the grid's smallest configuration has {grid.Clusters.Min()} clusters (0 = the preset's)."));
        }

        return errors;
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    /// <summary>The preset's grid, its cluster axis replaced by <c>clusters</c> when given (ArgumentException: not a list of counts ≥ 2).</summary>
    public static SpiralGrid GridOf(ParameterValues p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var grid = p.GetString(PresetParameter) switch
        {
            Paper => SpiralGrid.Paper,
            PaperTenClusters => SpiralGrid.PaperTenClusters,
            _ => SpiralGrid.Cpu,
        };
        var clusters = ParseClusters(p.GetString(ClustersParameter));
        return clusters.Count == 0 ? grid : grid with { Clusters = clusters };
    }

    public static IReadOnlyList<int> ParseClusters(string text)
    {
        var counts = new List<int>();
        foreach (string item in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count is < 2 or > MaxClusters)
            {
                throw new ArgumentException($"'{item}' is not a cluster count: give whole numbers from 2 to {MaxClusters}, comma-separated (e.g. 20,30).");
            }

            if (!counts.Contains(count))
            {
                counts.Add(count);
            }
        }

        return counts;
    }

    /// <summary>The paper's settings (100 epochs, every cluster held out) for both paper presets.</summary>
    private static bool PaperSettings(ParameterValues p) => p.GetString(PresetParameter) is Paper or PaperTenClusters;

    private static int Epochs(ParameterValues p) =>
        p.GetInt32(RecipeParameters.Epochs) is > 0 and var e ? e : PaperSettings(p) ? 100 : 10;

    private static int Folds(ParameterValues p) =>
        p.GetInt32(MixedEffectsLocoKind.FoldsParameter) is > 0 and var f ? f : PaperSettings(p) ? 0 : 2;

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        if (!kinds.Value.TryGet(MixedEffectsLocoKind.KindName, out var loco))
        {
            throw new InvalidOperationException($"The {MixedEffectsLocoKind.KindName} kind is not registered.");
        }

        var models = MixedEffectsLocoKind.ParseModels(p.GetString(MixedEffectsLocoKind.ModelsParameter));
        var grid = GridOf(p);
        var configs = grid.Configs;
        ulong seed = (ulong)p.GetInt64(RecipeParameters.Seed);
        int epochs = Epochs(p), folds = Folds(p);
        context.Log.Write($"{configs.Count} configurations x {models.Count} models ({string.Join(", ", models)}), {epochs} epochs, {(folds == 0 ? "every cluster" : $"{folds} folds")} each");
        var accuracy = models.Select(_ => Enumerable.Repeat(double.NaN, configs.Count).ToArray()).ToList();
        var errors = new string?[configs.Count];
        var children = new List<ChildJob>(configs.Count);
        for (int i = 0; i < configs.Count; i++)
        {
            var config = configs[i];
            var inner = new JsonObject
            {
                [MixedEffectsLocoKind.DatasetParameter] = config.DatasetSpec(seed, p.GetInt32(PointsParameter)),
                [MixedEffectsLocoKind.ModelsParameter] = string.Join(",", models),
                [RecipeParameters.Epochs] = epochs,
                [MixedEffectsLocoKind.FoldsParameter] = folds,
                [MixedEffectsLocoKind.EvaluateTestParameter] = true,
                [MixedEffectsLocoKind.BoundariesParameter] = false,
                [RecipeParameters.Seed] = (long)seed,
                [RecipeParameters.Device] = p.GetString(RecipeParameters.Device),
                [RecipeParameters.Threads] = p.GetInt32(RecipeParameters.Threads),
            };
            using var document = JsonDocument.Parse(inner.ToJsonString());
            var runParams = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["radius_sd"] = config.RadiusSd.ToString("R", CultureInfo.InvariantCulture),
                ["noise"] = config.Noise.ToString("R", CultureInfo.InvariantCulture),
                ["degrees"] = config.Degrees.ToString(CultureInfo.InvariantCulture),
                ["clusters"] = config.Clusters.ToString(CultureInfo.InvariantCulture),
            };
            children.Add(new ChildJob($"config {i + 1}: {config.Describe()}", loco, JobKindRegistry.Bind(loco, document.RootElement), runParams));
        }

        // Every configuration is a child job: this job runs them while other workers take their share.
        var ids = await childJobs.QueueAsync(context.RunId, children, cancellationToken);
        string?[] runs = [.. ids];

        context.Log.Write($"queued {ids.Count} configurations as child jobs");
        int done = 0;
        await childJobs.RunAsync(ids, async ended =>
        {
            int i = ended.Index;
            done++;
            if (ended.Failure is null)
            {
                var metrics = new List<MetricInput>();
                for (int m = 0; m < models.Count; m++)
                {
                    if (await context.Tracker.LatestMetricAsync(ended.RunId, $"mean_acc/{LocoResults.Test}/{models[m]}") is { } acc)
                    {
                        accuracy[m][i] = acc;
                        metrics.Add(new MetricInput($"grid/{models[m]}", acc, i));
                    }
                }

                await context.Tracker.LogMetricsAsync(context.RunId, metrics, CancellationToken.None);
                context.Log.Write($"config {i + 1} ({done}/{configs.Count} done) ended on {ended.WorkerId}: {configs[i].Describe()}");
            }
            else
            {
                // One failed configuration is recorded; the grid goes on.
                errors[i] = ended.Failure;
                context.Log.Write($"config {i + 1} {JobRules.Format(ended.Status).ToLowerInvariant()}: {errors[i]}");
            }

            await context.PublishSummaryAsync(Summary(grid, models, accuracy, runs, errors, heatmap: false));
        }, (i, line) => context.Log.Write($"config {i + 1} | {line}"), cancellationToken);

        var (height, width, pixels) = grid.Heatmap(accuracy);
        var tops = grid.PanelTops(models.Count);
        var picture = new HeatmapPicture("mean seen-test accuracy per configuration", height, width, pixels,
            grid.RowLabels(models.Count), CompositionalResults.Colour, "0.5", "1.0", Scale: 2,
            ColumnLabels: grid.ColumnLabels(), Headings: [.. models.Select((m, i) => (tops[i], MixedEffectsModels.Title(m)))]);
        await context.Tracker.LogImageAsync(context.RunId, HeatmapImage, 0, charts.Heatmap(picture), HeatmapCaption(grid, models), CancellationToken.None);
        await context.PublishSummaryAsync(Summary(grid, models, accuracy, runs, errors, heatmap: true));
        if (errors.All(e => e is not null))
        {
            throw new InvalidOperationException($"Every configuration failed; the first: {errors[0]}");
        }
    }

    private static string HeatmapCaption(SpiralGrid grid, IReadOnlyList<string> models) => string.Create(CultureInfo.InvariantCulture,
        $"Mean seen-test accuracy, one panel per model ({string.Join(", ", models.Select(MixedEffectsModels.Title))}, top to bottom); rows: radius s.d. [{string.Join(", ", grid.RadiusSd)}] then noise [{string.Join(", ", grid.Noise)}]; columns: degrees [{string.Join(", ", grid.Degrees)}] then clusters [{string.Join(", ", grid.Clusters)}]; dark purple 0.5, yellow 1.0, grey = no result");

    private static ExperimentSummary Summary(SpiralGrid grid, IReadOnlyList<string> models, List<double[]> accuracy, string?[] runs, string?[] errors, bool heatmap)
    {
        var configs = grid.Configs;
        var rows = new List<SummaryRow>();
        for (int i = 0; i < configs.Count && runs[i] is not null; i++)
        {
            var c = configs[i];
            rows.Add(new SummaryRow(
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), c.RadiusSd.ToString("R", CultureInfo.InvariantCulture), c.Noise.ToString("R", CultureInfo.InvariantCulture),
                c.Degrees.ToString(CultureInfo.InvariantCulture), c.Clusters.ToString(CultureInfo.InvariantCulture),
                .. accuracy.Select(a => double.IsNaN(a[i]) ? (errors[i] is null ? "-" : "failed") : a[i].ToString("0.000", CultureInfo.InvariantCulture)),
            ], runs[i]));
        }

        int ended = Enumerable.Range(0, configs.Count).Count(i => errors[i] is not null || accuracy.Any(a => !double.IsNaN(a[i])));
        var figures = new List<SummaryFigure> { new("configurations", $"{ended}/{configs.Count}", ended) };
        for (int m = 0; m < models.Count; m++)
        {
            var done = accuracy[m].Where(v => !double.IsNaN(v)).ToList();
            if (done.Count > 0)
            {
                figures.Add(new SummaryFigure($"{MixedEffectsModels.Title(models[m])} mean over the grid", done.Average().ToString("0.000", CultureInfo.InvariantCulture), done.Average()));
            }
        }

        var table = new SummaryTable("grid-results", "Mean seen-test accuracy per configuration",
            ["#", "radius s.d.", "noise", "degrees", "clusters", .. models.Select(MixedEffectsModels.Title)], rows,
            "Each configuration is a mixed-effects-loco child run (evaluate_test: trained on all 80 % of the seen clusters); a cell is the model's mean over that run's folds.");
        return new ExperimentSummary(figures, [table], heatmap ? [new SummaryImage(HeatmapImage, HeatmapCaption(grid, models))] : [],
            [.. models.Select(m => new SummaryCurve($"grid/{m}", $"{MixedEffectsModels.Title(m)} per configuration"))]);
    }
}
