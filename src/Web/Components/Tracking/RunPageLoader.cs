using DigitForge.Application.Common;
using DigitForge.Application.Experiments.GetSummary;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs;
using DigitForge.Application.Jobs.GetJob;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Artifacts.ListArtifacts;
using DigitForge.Application.Tracking.Experiments.GetExperiment;
using DigitForge.Application.Tracking.Images.ListImages;
using DigitForge.Application.Tracking.Metrics.GetMetricHistory;
using DigitForge.Application.Tracking.Runs.GetRun;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Web.Components.Tracking;

/// <summary>
/// Reads a <see cref="RunSnapshot"/>. Each read opens its own DI scope: a page lives as long as its circuit and
/// refreshes from a timer, and a DbContext shared across those would see overlapping operations and stale rows.
/// </summary>
public sealed class RunPageLoader(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>Points per chart series (the history use case downsamples with LTTB).</summary>
    public const int MaxPoints = 1000;

    /// <summary>The run's snapshot, or null when there is no such run. Histories whose summary did not change are reused.</summary>
    public async Task<RunSnapshot?> LoadAsync(string runId, RunSnapshot? previous, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sender = services.GetRequiredService<ISender>();
        Application.Tracking.Runs.RunDto run;
        try
        {
            run = await sender.Send(new GetRunRequest(runId), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }

        Application.Tracking.Experiments.ExperimentDto? experiment = null;
        try
        {
            experiment = previous?.Experiment ?? await sender.Send(new GetExperimentRequest(run.ExperimentId), cancellationToken);
        }
        catch (NotFoundException)
        {
            // A deleted experiment: the run page still shows the run.
        }

        var images = await sender.Send(new ListImagesRequest(runId), cancellationToken);
        var artifacts = await sender.Send(new ListArtifactsRequest(runId), cancellationToken);
        var job = await LoadJobAsync(services, run, cancellationToken);

        var histories = new Dictionary<string, MetricSeries>(StringComparer.Ordinal);
        foreach (var (key, summary) in run.Metrics)
        {
            if (previous is not null && previous.Histories.TryGetValue(key, out var known) && known.TotalPoints == summary.Count
                && previous.Run.Metrics.TryGetValue(key, out var before) && before == summary)
            {
                histories[key] = known;
                continue;
            }

            var dto = await sender.Send(new GetMetricHistoryRequest(runId, key, MaxPoints), cancellationToken);
            histories[key] = new MetricSeries(key, dto.TotalPoints, dto.Steps, [.. dto.Values.Select(v => double.IsFinite(v) ? v : (double?)null)]);
        }

        return new RunSnapshot(run, experiment, images, artifacts, job, histories);
    }

    private async Task<JobSnapshot?> LoadJobAsync(IServiceProvider services, Application.Tracking.Runs.RunDto run, CancellationToken cancellationToken)
    {
        var sender = services.GetRequiredService<ISender>();
        Application.Jobs.JobDto job;
        try
        {
            job = await sender.Send(new GetJobRequest(run.Id), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null; // a run logged by a script, not a job
        }

        ExperimentSummary? summary = null;
        try
        {
            summary = await sender.Send(new GetExperimentSummaryRequest(run.Id), cancellationToken);
        }
        catch (NotFoundException)
        {
            // A job whose kind wrote no summary (yet).
        }

        var images = new List<(SummaryImage, string, long)>();
        foreach (var image in summary?.Images ?? [])
        {
            string owner = image.RunId ?? run.Id;
            try
            {
                var logged = await sender.Send(new ListImagesRequest(owner, image.Key), cancellationToken);
                if (logged.Count > 0)
                {
                    images.Add((image, owner, logged[^1].Id));
                }
            }
            catch (NotFoundException)
            {
                // The run it names was deleted.
            }
        }

        var db = services.GetRequiredService<ITrackingDbContext>();
        var children = await db.Runs.AsNoTracking()
            .Where(r => r.ParentRunId == run.Id && r.DeletedAt == null)
            .OrderBy(r => r.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        // A sweep that fanned its points out as child jobs counts its progress in points.
        var points = db.RunTags.Where(t => t.Key == JobTags.ParentJob && t.Value == run.Id).Select(t => t.RunId);
        int total = await points.CountAsync(cancellationToken);
        var progress = total == 0
            ? JobProgress.Estimate(job, run, clock.GetUtcNow())
            : JobProgress.Points(job, await db.Runs.CountAsync(r => points.Contains(r.Id) && r.Status != RunStatus.Queued && r.Status != RunStatus.Running, cancellationToken), total, clock.GetUtcNow());
        return new JobSnapshot(job, summary, images, children, progress);
    }
}
