using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitForge.Application.Common;
using DigitForge.Application.Jobs.ChildJobs;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Application.Experiments.Kinds;

/// <summary>
/// <c>sweep</c>: a grid or random search over another kind's parameters, or over its dataset generator's parameters
/// (<c>dataset.&lt;name&gt;</c>; e.g. 3 values of 4 MNIST-1D parameters give an 81-point grid). Every point is a
/// child job (a child run that any worker may run, see <see cref="ChildJobRunner"/>); the parent gets a summary table (<c>sweep.json</c>), the result metric per
/// point and a chart of the first swept parameter against the result.
/// </summary>
public sealed class SweepKind(Lazy<JobKindRegistry> kinds, IExperimentCharts charts, ChildJobRunner childJobs) : IJobKind
{
    public const string KindName = "sweep";
    public const string KindParameter = "kind";
    public const string BaseParameter = "base";
    public const string GridParameter = "grid";
    public const string SearchParameter = "search";
    public const string SamplesParameter = "samples";
    public const string SeedParameter = "seed";
    public const string MetricParameter = "metric";
    public const string SummaryArtifact = "sweep.json";
    public const string ChartImageKey = "sweep";
    public const int MaxPoints = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Name => KindName;

    public string Description => "Grid or random search over another kind's parameters or its dataset's generator parameters (dataset.<name>): one child run per point, summary table and chart.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(KindParameter, ClassifierKind.KindName, "The experiment kind every point runs."),
        GeneratorParameter.Text(BaseParameter, """{"steps":500,"model":"mlp"}""", "That kind's parameters shared by every point (JSON object)."),
        GeneratorParameter.Text(GridParameter, """{"lr":[0.001,0.003,0.01]}""", "Swept parameters and their values (JSON object of lists); dataset.<name> sweeps the dataset generator's parameter."),
        GeneratorParameter.Choice(SearchParameter, "grid", ["grid", "random"], "grid: every combination; random: a seeded sample of them."),
        GeneratorParameter.Integer(SamplesParameter, 10, 1, MaxPoints, "Points drawn by random search."),
        GeneratorParameter.Integer(SeedParameter, 0, 0, uint.MaxValue, "Seeds the random search."),
        GeneratorParameter.Text(MetricParameter, "test/acc", "The child-run metric summarised (its latest value)."),
    ];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        try
        {
            var plan = Plan(parameters, kinds.Value);
            foreach (var point in plan.Points)
            {
                var inner = SweepPlan.Apply(plan.Base, point, plan.DatasetParameter, Mnist1DBenchmarkKind.DefaultDataset);
                try
                {
                    using var document = JsonDocument.Parse(inner.ToJsonString());
                    JobKindRegistry.Bind(plan.Inner, document.RootElement);
                }
                catch (RequestValidationException ex)
                {
                    return [new ValidationError(DatasetSpecError.ParameterField(GridParameter), $"Point {point.Describe()}: {ex.Message}")];
                }
            }
        }
        catch (RequestValidationException ex)
        {
            return ex.Errors;
        }
        catch (ArgumentException ex)
        {
            // From SweepPlan.Apply: a dataset.<name> axis for a kind without a dataset (the grid's fault) or a base
            // whose dataset spec is not a JSON object (the base's).
            string field = ex.Message.StartsWith($"'{SweepPlan.DatasetPrefix}", StringComparison.Ordinal) ? GridParameter : BaseParameter;
            return [new ValidationError(DatasetSpecError.ParameterField(field), ex.Message)];
        }

        return [];
    }

    public TrainingDevice Device(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var document = JsonDocument.Parse(parameters.GetString(BaseParameter));
        return document.RootElement.TryGetProperty(RecipeParameters.Device, out var device) && device.ValueKind == JsonValueKind.String
               && Enum.TryParse<TrainingDevice>(device.GetString(), ignoreCase: true, out var parsed)
            ? parsed
            : TrainingDevice.Auto;
    }

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var registry = kinds.Value;
        string metric = context.Parameters.GetString(MetricParameter);
        var plan = Plan(context.Parameters, registry);
        context.Log.Write($"sweep of {plan.Inner.Name}: {plan.Points.Count} points, summarising {metric}");
        var children = new List<ChildJob>(plan.Points.Count);
        foreach (var point in plan.Points)
        {
            var innerJson = SweepPlan.Apply(plan.Base, point, plan.DatasetParameter, Mnist1DBenchmarkKind.DefaultDataset);
            using var document = JsonDocument.Parse(innerJson.ToJsonString());
            var runParams = point.Values.ToDictionary(v => v.Key, v => v.Value is JsonValue value && value.TryGetValue<string>(out var s) ? s : v.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
            children.Add(new ChildJob($"point {point.Index + 1}: {point.Describe()}", plan.Inner, JobKindRegistry.Bind(plan.Inner, document.RootElement), runParams));
        }

        // Every point is a child job: this job runs them while other workers take their share.
        var ids = await childJobs.QueueAsync(context.RunId, children, cancellationToken);
        context.Log.Write($"queued {ids.Count} points as child jobs ({ids[0]} .. {ids[^1]})");
        var rows = new List<SweepRow>();
        await childJobs.RunAsync(ids, async ended =>
        {
            var point = plan.Points[ended.Index];
            var runParams = children[ended.Index].RunParams;
            double? result = null;
            if (ended.Failure is null)
            {
                result = await context.Tracker.LatestMetricAsync(ended.RunId, metric);
                if (result is { } value)
                {
                    await context.Tracker.LogMetricsAsync(context.RunId, [new MetricInput($"sweep/{metric}", value, point.Index)], CancellationToken.None);
                }
            }

            rows.Add(new SweepRow(point.Index, ended.RunId, runParams, result, ended.Failure));
            rows.Sort((x, y) => x.Point.CompareTo(y.Point));
            context.Log.Write(ended.Failure is null
                ? $"point {point.Index + 1}/{plan.Points.Count} ended on {ended.WorkerId}: {point.Describe()} (run {ended.RunId})"
                : $"point {point.Index + 1} {JobRules.Format(ended.Status).ToLowerInvariant()}: {ended.Failure}");
            await context.Tracker.UploadAsync(context.RunId, SummaryArtifact, JsonSerializer.SerializeToUtf8Bytes(new SweepSummary(plan.Inner.Name, metric, rows), Json), CancellationToken.None);
            await context.PublishSummaryAsync(Summary(plan, metric, rows, chart: false));
        }, (i, line) => context.Log.Write($"point {i + 1} | {line}"), cancellationToken);

        bool chart = await LogChartAsync(context, plan, metric, rows);
        await context.PublishSummaryAsync(Summary(plan, metric, rows, chart));
        if (rows.All(r => r.Error is not null))
        {
            throw new InvalidOperationException($"Every point of the sweep failed; the first: {rows.FirstOrDefault()?.Error}");
        }
    }

    private async Task<bool> LogChartAsync(ExperimentContext context, SweepPlanned plan, string metric, List<SweepRow> rows)
    {
        string axis = plan.Points.Count > 0 && plan.Points[0].Values.Count > 0 ? plan.Points[0].Values[0].Key : "point";
        var points = new List<(double X, double Y)>();
        foreach (var row in rows.Where(r => r.Result is not null))
        {
            double x = row.Point;
            if (row.Values.TryGetValue(axis, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double numeric))
            {
                x = numeric;
            }

            points.Add((x, row.Result!.Value));
        }

        if (points.Count > 0)
        {
            byte[] png = charts.LineChart($"{plan.Inner.Name} sweep", axis, metric, points);
            await context.Tracker.LogImageAsync(context.RunId, ChartImageKey, 0, png, $"{metric} against {axis}", CancellationToken.None);
        }

        return points.Count > 0;
    }

    /// <summary>One row per point: its swept values and the result (or why it failed); the chart once drawn.</summary>
    private static ExperimentSummary Summary(SweepPlanned plan, string metric, List<SweepRow> rows, bool chart)
    {
        var keys = plan.Points.Count > 0 ? plan.Points[0].Values.Select(v => v.Key).ToList() : [];
        var table = new SummaryTable(
            "sweep-summary",
            $"Sweep of {plan.Inner.Name}: {metric}",
            ["#", .. keys, metric],
            [.. rows.Select(r => new SummaryRow(
                [(r.Point + 1).ToString(CultureInfo.InvariantCulture), .. keys.Select(k => r.Values.GetValueOrDefault(k, string.Empty)),
                 r.Result is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : $"failed: {r.Error}"],
                r.RunId))]);
        var best = rows.Where(r => r.Result is not null).OrderByDescending(r => r.Result).FirstOrDefault();
        IReadOnlyList<SummaryFigure> figures = best is null
            ? [new SummaryFigure("points", $"{rows.Count}/{plan.Points.Count}", rows.Count)]
            : [new SummaryFigure("points", $"{rows.Count}/{plan.Points.Count}", rows.Count),
               new SummaryFigure($"highest {metric}", $"{best.Result!.Value.ToString("0.0000", CultureInfo.InvariantCulture)} (point {best.Point + 1})", best.Result)];
        return new ExperimentSummary(figures, [table], chart ? [new SummaryImage(ChartImageKey, $"{metric} against the first swept parameter")] : [], [new SummaryCurve($"sweep/{metric}", $"{metric} per point")]);
    }

    /// <summary>The swept kind with its bound parameters at every point, for the checks at submit (after <see cref="Validate"/>).</summary>
    public IEnumerable<(IJobKind Kind, ParameterValues Values)> InnerJobs(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var plan = Plan(parameters, kinds.Value);
        foreach (var point in plan.Points)
        {
            var inner = SweepPlan.Apply(plan.Base, point, plan.DatasetParameter, Mnist1DBenchmarkKind.DefaultDataset);
            using var document = JsonDocument.Parse(inner.ToJsonString());
            yield return (plan.Inner, JobKindRegistry.Bind(plan.Inner, document.RootElement));
        }
    }

    private static SweepPlanned Plan(ParameterValues parameters, JobKindRegistry kinds)
    {
        string kindName = parameters.GetString(KindParameter).Trim();
        if (!kinds.TryGet(kindName, out var inner) || inner.Name == KindName)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(KindParameter),
                $"Sweep one of {string.Join(", ", kinds.All.Where(k => k.Name != KindName).Select(k => k.Name))}, not '{kindName}'.");
        }

        JsonObject baseParameters;
        try
        {
            baseParameters = JsonNode.Parse(parameters.GetString(BaseParameter)) as JsonObject
                             ?? throw new RequestValidationException(DatasetSpecError.ParameterField(BaseParameter), "Must be a JSON object of the kind's parameters.");
        }
        catch (JsonException ex)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(BaseParameter), $"Not valid JSON: {ex.Message}");
        }

        List<KeyValuePair<string, JsonArray>> axes;
        try
        {
            axes = SweepPlan.ParseGrid(parameters.GetString(GridParameter));
        }
        catch (ArgumentException ex)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(GridParameter), ex.Message.Split(" (Parameter", 2)[0]);
        }

        string? datasetParameter = inner.DatasetParameters.Count > 0 ? inner.DatasetParameters[0] : null;
        foreach (var (name, _) in axes)
        {
            bool known = name.StartsWith(SweepPlan.DatasetPrefix, StringComparison.Ordinal) ? datasetParameter is not null : inner.Parameters.Any(p => p.Name == name);
            if (!known)
            {
                throw new RequestValidationException(DatasetSpecError.ParameterField(GridParameter),
                    $"'{name}' is not a parameter of {inner.Name} ({string.Join(", ", inner.Parameters.Select(p => p.Name))}{(datasetParameter is null ? string.Empty : ", dataset.<generator parameter>")}).");
            }
        }

        bool random = parameters.GetString(SearchParameter) == "random";
        long size = SweepPlan.Size(axes);
        if (!random && size > MaxPoints)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(GridParameter), $"The grid has {size:N0} points; at most {MaxPoints} (or use search = random).");
        }

        if (size > 1_000_000)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(GridParameter), $"The grid has {size:N0} points; random search draws from at most 1,000,000.");
        }

        var points = SweepPlan.Points(axes, random, parameters.GetInt32(SamplesParameter), (ulong)parameters.GetInt64(SeedParameter));
        return new SweepPlanned(inner, baseParameters, datasetParameter, points);
    }

    private sealed record SweepPlanned(IJobKind Inner, JsonObject Base, string? DatasetParameter, IReadOnlyList<SweepPoint> Points);
}

/// <summary>The sweep's summary table (<c>sweep.json</c> on the parent run).</summary>
public sealed record SweepSummary(string Kind, string Metric, IReadOnlyList<SweepRow> Rows);

/// <summary>One point's outcome: its values as run params, the child run, the metric (null when it failed or logged none).</summary>
public sealed record SweepRow(int Point, string RunId, IReadOnlyDictionary<string, string> Values, double? Result, string? Error);
