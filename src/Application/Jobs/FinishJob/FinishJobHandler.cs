using DigitForge.Application.Tracking;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Jobs.FinishJob;

/// <summary>
/// Records how a job ended: the job row and every run of it still open (its own run and unfinished children) get
/// the ending status and reason. A job that already ended (recovered as orphaned meanwhile) keeps its first ending.
/// </summary>
public sealed class FinishJobHandler(ITrackingDbContext db, TimeProvider clock)
{
    public async Task HandleAsync(string jobId, JobStatus status, string? reason, CancellationToken cancellationToken = default)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        var now = clock.GetUtcNow();
        if (job is not null && !job.IsTerminal)
        {
            job.End(status, reason, now);
        }

        var runStatus = status switch
        {
            JobStatus.Finished => RunStatus.Finished,
            JobStatus.Cancelled => RunStatus.Cancelled,
            _ => RunStatus.Failed,
        };
        await JobRuns.EndOpenRunsAsync(db, jobId, runStatus, reason, now, cancellationToken);
        if (status != JobStatus.Finished)
        {
            await JobRuns.CancelQueuedChildJobsAsync(db, jobId, $"The sweep {jobId} ended {JobRules.Format(status)} before this point started.", now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
