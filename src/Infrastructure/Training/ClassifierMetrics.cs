using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.Infrastructure.Training;

/// <summary>
/// Folds the classifier task's metrics (a "loss" then an "acc" per step and split) back into the
/// <see cref="TrainingMetric"/>s that <see cref="ITrainableModel.TrainClassifierAsync"/> reports.
/// </summary>
internal sealed class ClassifierMetrics(IProgress<TrainingMetric>? progress) : ITaskObserver
{
    private readonly List<TrainingMetric> _metrics = [];
    private TaskMetric? _loss;

    public IReadOnlyList<TrainingMetric> Metrics => _metrics;

    public void OnMetric(TaskMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Name == "loss")
        {
            _loss = metric;
            return;
        }

        if (metric.Name == "acc" && _loss is { } loss && loss.Step == metric.Step && loss.Split == metric.Split)
        {
            var folded = new TrainingMetric(metric.Step, metric.Split, loss.Value, metric.Value);
            _loss = null;
            _metrics.Add(folded);
            progress?.Report(folded);
        }
    }

    public void OnImage(TaskImage image)
    {
    }

    public void OnArtifact(TaskArtifact artifact)
    {
    }
}
