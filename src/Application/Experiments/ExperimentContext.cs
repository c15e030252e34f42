using DigitForge.Application.Experiments.Summaries;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments;

/// <summary>
/// What a running experiment gets from its job: the job's run id (the same as the job's), the bound parameters, the
/// tracker for its runs and the job log. Services (datasets, the engine, charts) come to kinds by constructor injection.
/// </summary>
public sealed class ExperimentContext(string runId, ParameterValues parameters, ExperimentTracker tracker, JobLog log)
{
    /// <summary>The job's run: the parent of any child runs.</summary>
    public string RunId { get; } = runId;

    public ParameterValues Parameters { get; } = parameters;

    public ExperimentTracker Tracker { get; } = tracker;

    public JobLog Log { get; } = log;

    /// <summary>The same job on another run (a sweep's point runs its inner kind on a child run).</summary>
    public ExperimentContext For(string runId, ParameterValues parameters) => new(runId, parameters, Tracker, Log);

    /// <summary>Writes (or replaces) the job's result summary; never takes the job's token, so a cancelled job keeps its last one.</summary>
    public Task PublishSummaryAsync(ExperimentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return Tracker.UploadAsync(RunId, ExperimentSummary.ArtifactPath, summary.ToJson(), CancellationToken.None);
    }
}
