using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments;

/// <summary>
/// Everything a running experiment gets: its job and run id (the same), bound parameters, the tracker for its runs,
/// the job log, and the job's service scope (datasets, the engine).
/// </summary>
public sealed class ExperimentContext(string runId, ParameterValues parameters, ExperimentTracker tracker, JobLog log, IServiceProvider services)
{
    /// <summary>The job's run: the parent of any child runs.</summary>
    public string RunId { get; } = runId;

    public ParameterValues Parameters { get; } = parameters;

    public ExperimentTracker Tracker { get; } = tracker;

    public JobLog Log { get; } = log;

    public IServiceProvider Services { get; } = services;
}
