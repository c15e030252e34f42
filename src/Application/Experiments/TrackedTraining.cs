using System.Globalization;
using System.Threading.Channels;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;

namespace DigitForge.Application.Experiments;

/// <summary>
/// Trains a model while its metrics stream into a run: <c>batch/loss</c>, <c>batch/acc</c> and, for every eval set,
/// <c>&lt;set&gt;/loss</c> and <c>&lt;set&gt;/acc</c> at the step they were measured. The engine's callback only
/// enqueues; a pump writes what has arrived in batches, and writes everything logged before a cancel or a failure.
/// </summary>
public static class TrackedTraining
{
    /// <summary>Run param: <c>fused</c> when the engine's hand-written CPU path trained the model, else <c>torch</c>.</summary>
    public const string EnginePathParam = "engine_path";

    public static async Task<TrainingReport> TrainAsync(
        ExperimentContext context, string runId, string label, ITrainableModel model, ClassifierRecipe recipe,
        LabeledData train, LabeledData test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        var channel = Channel.CreateUnbounded<TrainingMetric>(new UnboundedChannelOptions { SingleReader = true });
        var pump = PumpAsync(context, runId, label, test.Name, channel.Reader);
        try
        {
            var report = await model.TrainClassifierAsync(recipe, train, [train, test], new ChannelProgress(channel.Writer), cancellationToken);
            // What ran, beside what was asked for (the "implementation" param): the engine decides per model.
            await context.Tracker.LogParamsAsync(runId, new Dictionary<string, string>(StringComparer.Ordinal) { [EnginePathParam] = report.Fused ? "fused" : "torch" }, cancellationToken);
            context.Log.Write(string.Create(CultureInfo.InvariantCulture,
                $"{label}: {report.Updates} updates in {report.Elapsed.TotalSeconds:0.00} s ({report.CpuTime.TotalSeconds:0.00} s CPU, {(report.Fused ? "the engine's fused CPU path" : "libtorch autograd")})"));
            return report;
        }
        finally
        {
            channel.Writer.TryComplete();
            await pump;
        }
    }

    private static async Task PumpAsync(ExperimentContext context, string runId, string label, string testName, ChannelReader<TrainingMetric> reader)
    {
        var pending = new List<MetricInput>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (reader.TryRead(out var metric))
            {
                pending.Add(new MetricInput($"{metric.Split}/loss", metric.Loss, metric.Step));
                pending.Add(new MetricInput($"{metric.Split}/acc", metric.Accuracy, metric.Step));
                if (metric.Split == testName)
                {
                    context.Log.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{label} step {metric.Step}: {testName} accuracy {metric.Accuracy * 100:0.00} %, loss {metric.Loss:0.0000}"));
                }
            }

            await context.Tracker.LogMetricsAsync(runId, pending, CancellationToken.None);
            pending.Clear();
        }
    }

    private sealed class ChannelProgress(ChannelWriter<TrainingMetric> writer) : IProgress<TrainingMetric>
    {
        public void Report(TrainingMetric value) => writer.TryWrite(value);
    }
}
