using System.Globalization;
using System.Threading.Channels;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.Application.Experiments;

/// <summary>
/// Runs a training task while whatever it reports streams into a run, with no names hard-coded: a metric
/// <c>(step, split, name, value)</c> becomes <c>&lt;split&gt;/&lt;name&gt;</c> at its step, an image is logged as a
/// PNG under its name at its step (the run page's image slider), an artifact (a checkpoint) is uploaded as
/// <c>&lt;name&gt;/&lt;step&gt;/&lt;file&gt;</c>. The engine's callbacks only enqueue; a pump writes what has arrived in
/// batches, and writes everything reported before a cancel or a failure.
/// </summary>
public sealed class TrackedTraining(ITrainingTaskRunner runner, IExperimentCharts charts)
{
    /// <summary>Run param: <c>fused</c> when the engine's hand-written CPU path trained the model, else <c>torch</c>.</summary>
    public const string EnginePathParam = "engine_path";

    /// <summary>The tasks the installed engine offers.</summary>
    public IReadOnlyList<string> TaskNames => runner.TaskNames;

    /// <summary>
    /// Runs <paramref name="request"/>, tracking into <paramref name="runId"/>. <paramref name="onMetric"/> sees every
    /// metric after it is queued for the run (on the pump, not the engine's thread), e.g. for the job log.
    /// </summary>
    public async Task<TaskReport> RunAsync(
        ExperimentContext context, string runId, TrainingTaskRequest request, Action<TaskMetric>? onMetric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        await using var sink = new Sink(context, runId, charts, onMetric);
        var report = await runner.RunAsync(request, sink, cancellationToken);
        await LogEnginePathAsync(context, runId, report.Fused, cancellationToken);
        return report;
    }

    /// <summary>
    /// The classifier through <see cref="ITrainableModel.TrainClassifierAsync"/>, tracked the same way (its metrics are
    /// <c>(step, split, loss|acc)</c>): <c>batch/loss</c>, <c>batch/acc</c>, <c>&lt;set&gt;/loss</c>, <c>&lt;set&gt;/acc</c>.
    /// </summary>
    public async Task<TrainingReport> TrainClassifierAsync(
        ExperimentContext context, string runId, string label, ITrainableModel model, ClassifierRecipe recipe,
        LabeledData train, LabeledData test, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        var losses = new Dictionary<long, double>();
        await using var sink = new Sink(context, runId, charts, metric =>
        {
            if (metric.Split != test.Name)
            {
                return;
            }

            if (metric.Name == ClassifierMetrics.Loss)
            {
                losses[metric.Step] = metric.Value;
            }
            else if (metric.Name == ClassifierMetrics.Accuracy)
            {
                context.Log.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{label} step {metric.Step}: {test.Name} accuracy {metric.Value * 100:0.00} %, loss {losses.GetValueOrDefault(metric.Step):0.0000}"));
            }
        });
        var report = await model.TrainClassifierAsync(recipe, train, [train, test], new ClassifierMetrics(sink), cancellationToken);
        await LogEnginePathAsync(context, runId, report.Fused, cancellationToken);
        context.Log.Write(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {report.Updates} updates in {report.Elapsed.TotalSeconds:0.00} s ({report.CpuTime.TotalSeconds:0.00} s CPU, {(report.Fused ? "the engine's fused CPU path" : "libtorch autograd")})"));
        return report;
    }

    // What ran, beside what was asked for (the "implementation" param): the engine decides per model.
    private static Task LogEnginePathAsync(ExperimentContext context, string runId, bool fused, CancellationToken cancellationToken) =>
        context.Tracker.LogParamsAsync(runId, new Dictionary<string, string>(StringComparer.Ordinal) { [EnginePathParam] = fused ? "fused" : "torch" }, cancellationToken);

    /// <summary>A classifier's (loss, accuracy) pairs as two named task metrics.</summary>
    private sealed class ClassifierMetrics(ITaskObserver observer) : IProgress<TrainingMetric>
    {
        public const string Loss = "loss";
        public const string Accuracy = "acc";

        public void Report(TrainingMetric value)
        {
            observer.OnMetric(new TaskMetric(value.Step, value.Split, Loss, value.Loss));
            observer.OnMetric(new TaskMetric(value.Step, value.Split, Accuracy, value.Accuracy));
        }
    }

    /// <summary>Queues what the task reports (on its thread) and writes it to the run (on a pump); disposing drains the queue.</summary>
    private sealed class Sink : ITaskObserver, IAsyncDisposable
    {
        private readonly ExperimentContext _context;
        private readonly string _runId;
        private readonly IExperimentCharts _charts;
        private readonly Action<TaskMetric>? _onMetric;
        private readonly Channel<object> _channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task _pump;

        public Sink(ExperimentContext context, string runId, IExperimentCharts charts, Action<TaskMetric>? onMetric)
        {
            _context = context;
            _runId = runId;
            _charts = charts;
            _onMetric = onMetric;
            _pump = Task.Run(PumpAsync);
        }

        public void OnMetric(TaskMetric metric) => _channel.Writer.TryWrite(metric);

        public void OnImage(TaskImage image) => _channel.Writer.TryWrite(image);

        // The task may overwrite or delete its files once the callback returns: take the bytes now.
        public void OnArtifact(TaskArtifact artifact)
        {
            var files = new List<(string Path, byte[] Content)>();
            try
            {
                if (Directory.Exists(artifact.Path))
                {
                    foreach (string file in Directory.EnumerateFiles(artifact.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    {
                        files.Add((Path.GetRelativePath(artifact.Path, file).Replace('\\', '/'), File.ReadAllBytes(file)));
                    }
                }
                else
                {
                    files.Add((Path.GetFileName(artifact.Path), File.ReadAllBytes(artifact.Path)));
                }
            }
            catch (IOException ex)
            {
                _context.Log.Write($"artifact {artifact.Name} at step {artifact.Step} could not be read: {ex.Message}");
                return;
            }

            foreach (var (path, content) in files)
            {
                _channel.Writer.TryWrite(new Upload(string.Create(CultureInfo.InvariantCulture, $"{artifact.Name}/{artifact.Step}/{path}"), content));
            }
        }

        public async ValueTask DisposeAsync()
        {
            _channel.Writer.TryComplete();
            await _pump;
        }

        private async Task PumpAsync()
        {
            var metrics = new List<MetricInput>();
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (reader.TryRead(out object? item))
                {
                    switch (item)
                    {
                        case TaskMetric metric:
                            metrics.Add(new MetricInput($"{metric.Split}/{metric.Name}", metric.Value, metric.Step));
                            _onMetric?.Invoke(metric);
                            break;
                        case TaskImage image:
                            await FlushAsync(metrics);
                            await TryAsync($"image {image.Name}", () => _context.Tracker.LogImageAsync(
                                _runId, image.Name, image.Step, _charts.Picture(image.Height, image.Width, image.Channels, image.Pixels), null, CancellationToken.None));
                            break;
                        case Upload upload:
                            await FlushAsync(metrics);
                            await TryAsync($"artifact {upload.Path}", () => _context.Tracker.UploadAsync(_runId, upload.Path, upload.Content, CancellationToken.None));
                            break;
                    }
                }

                await FlushAsync(metrics);
            }
        }

        private async Task FlushAsync(List<MetricInput> metrics)
        {
            if (metrics.Count > 0)
            {
                await _context.Tracker.LogMetricsAsync(_runId, [.. metrics], CancellationToken.None);
                metrics.Clear();
            }
        }

        // A picture or a file the run cannot take (too large, a bad name) is a line in the log, not a lost training.
        private async Task TryAsync(string what, Func<Task> write)
        {
            try
            {
                await write();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _context.Log.Write($"{what} was not stored: {ex.Message}");
            }
        }

        private sealed record Upload(string Path, byte[] Content);
    }
}
