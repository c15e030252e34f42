using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>
/// What an experiment view gets from the run page: the page's snapshot (pushed again on every live refresh), the kind
/// that made the run, the run's role in it (<see cref="ExperimentViews.JobRole"/> or a child's <c>job_type</c>) and
/// the run's own result summary (the job's, or the summary a kind wrote on a child run).
/// </summary>
public sealed record ExperimentViewContext(RunSnapshot Snapshot, string Kind, string Role, ExperimentSummary? Summary)
{
    public string RunId => Snapshot.Run.Id;

    /// <summary>A run param, or null.</summary>
    public string? Param(string key) => Snapshot.Run.Params.TryGetValue(key, out string? value) ? value : null;
}
