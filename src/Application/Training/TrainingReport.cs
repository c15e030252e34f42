namespace DigitForge.Application.Training;

/// <summary>
/// What a training run did: the updates made, the wall and CPU time of the training loop (evaluations included), the
/// CPU threads libtorch used, every metric reported, in order, and whether the engine's hand-written CPU path
/// (<see cref="TrainingImplementation.Auto"/>) computed the gradients.
/// </summary>
public sealed record TrainingReport(long Updates, TimeSpan Elapsed, TimeSpan CpuTime, int Threads, IReadOnlyList<TrainingMetric> Metrics, bool Fused = false)
{
    /// <summary>The last metric reported for <paramref name="split"/>, or null.</summary>
    public TrainingMetric? Final(string split) => Metrics.LastOrDefault(m => string.Equals(m.Split, split, StringComparison.Ordinal));
}
