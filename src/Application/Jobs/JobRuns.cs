using DigitForge.Application.Tracking;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Jobs;

/// <summary>The runs a job wrote (tagged <see cref="JobTags.Job"/>): its own run and its child runs.</summary>
internal static class JobRuns
{
    /// <summary>
    /// Ends every run of the job that is still QUEUED or RUNNING with <paramref name="status"/>, writing
    /// <paramref name="reason"/> into its <see cref="JobTags.Error"/> tag. Metrics, params and artifacts stay as logged.
    /// Changes are tracked, not saved.
    /// </summary>
    public static async Task<int> EndOpenRunsAsync(ITrackingDbContext db, string jobId, RunStatus status, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = db.RunTags.Where(t => t.Key == JobTags.Job && t.Value == jobId).Select(t => t.RunId);
        var open = await db.Runs.Where(r => (ids.Contains(r.Id) || r.Id == jobId) && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .ToListAsync(cancellationToken);
        foreach (var run in open)
        {
            if (reason is not null)
            {
                string value = reason.Length > TrackingLimits.MaxTagValueLength ? reason[..TrackingLimits.MaxTagValueLength] : reason;
                var tag = await db.RunTags.FirstOrDefaultAsync(t => t.RunId == run.Id && t.Key == JobTags.Error, cancellationToken);
                if (tag is null)
                {
                    db.RunTags.Add(new RunTag(run.Id, JobTags.Error, value));
                }
                else
                {
                    tag.Value = value;
                }
            }

            run.TransitionTo(status, now);
        }

        return open.Count;
    }

    /// <summary>
    /// Ends CANCELLED, with <paramref name="reason"/>, every child job of <paramref name="parentJobId"/> (a sweep's
    /// points) that no worker has started, and its run: nobody would collect their results once the parent ended
    /// without finishing. Points already running elsewhere finish and keep their runs. Changes are tracked, not saved.
    /// </summary>
    public static async Task<int> CancelQueuedChildJobsAsync(ITrackingDbContext db, string parentJobId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var children = db.RunTags.Where(t => t.Key == JobTags.ParentJob && t.Value == parentJobId).Select(t => t.RunId);
        var queued = await db.Jobs.Where(j => children.Contains(j.Id) && j.Status == JobStatus.Queued).ToListAsync(cancellationToken);
        foreach (var job in queued)
        {
            job.End(JobStatus.Cancelled, reason, now);
            await EndOpenRunsAsync(db, job.Id, RunStatus.Cancelled, reason, now, cancellationToken);
        }

        return queued.Count;
    }
}
