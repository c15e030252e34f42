using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking.Artifacts;
using DigitForge.Application.Tracking.Experiments;
using DigitForge.Application.Tracking.Images;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Domain.Tracking;

namespace DigitForge.Web.Components.Tracking;

/// <summary>Everything the run page shows, read in one go (one DI scope, so one DbContext per refresh).</summary>
public sealed record RunSnapshot(
    RunDto Run,
    ExperimentDto? Experiment,
    IReadOnlyList<RunImageDto> Images,
    IReadOnlyList<ArtifactDto> Artifacts,
    JobSnapshot? Job,
    IReadOnlyDictionary<string, MetricSeries> Histories)
{
    /// <summary>Whether the page should keep refreshing: the run or its job may still change.</summary>
    public bool IsLive => Run.Status is "RUNNING" or "QUEUED" || Job?.Job.Status is "RUNNING" or "QUEUED";
}

/// <summary>The job behind a run: the job, its kind's result summary with the images it names, and its child runs.</summary>
public sealed record JobSnapshot(
    JobDto Job,
    ExperimentSummary? Summary,
    IReadOnlyList<(SummaryImage Image, string RunId, long ImageId)> SummaryImages,
    IReadOnlyList<Run> Children,
    JobProgress? Progress);

/// <summary>One metric's history for charts: steps and values (NaN and infinities as null, which JSON can carry).</summary>
public sealed record MetricSeries(string Key, long TotalPoints, IReadOnlyList<long> Steps, IReadOnlyList<double?> Values);
