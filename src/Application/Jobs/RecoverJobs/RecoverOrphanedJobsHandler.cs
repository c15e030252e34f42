using System.Globalization;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Jobs.RecoverJobs;

/// <summary>
/// Start-up (and periodic) recovery: a RUNNING job whose heartbeat is older than
/// <see cref="JobOptions.StaleAfter"/> lost its process (SIGKILL, crash, power). It ends FAILED with the reason, and
/// so do its open runs; every metric, param and artifact logged before stays. Returns the recovered job ids.
/// Jobs the calling process is running itself are never orphans, however late their heartbeat: the process is alive,
/// only busy (a starved thread pool on a crowded machine delays the beat, not the training).
/// </summary>
public sealed class RecoverOrphanedJobsHandler(ITrackingDbContext db, IOptions<JobOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> HandleAsync(IReadOnlyCollection<string>? runningHere = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var staleAfter = options.Value.StaleAfter;
        var running = await db.Jobs.Where(j => j.Status == JobStatus.Running).ToListAsync(cancellationToken);
        var recovered = new List<string>();
        foreach (var job in running.Where(j => runningHere?.Contains(j.Id) != true && JobRules.IsOrphaned(j, now, staleAfter)))
        {
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"The worker {job.WorkerId ?? "?"} stopped responding while the job ran (last heartbeat {JobRules.LastSeen(job):u}, more than {staleAfter.TotalSeconds:0} s before {now:u}): the process died or was killed.");
            job.End(JobStatus.Failed, reason, now);
            await JobRuns.EndOpenRunsAsync(db, job.Id, RunStatus.Failed, reason, now, cancellationToken);
            await JobRuns.CancelQueuedChildJobsAsync(db, job.Id, $"The sweep {job.Id} failed (its worker stopped responding) before this point started.", now, cancellationToken);
            recovered.Add(job.Id);
        }

        if (recovered.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return recovered;
    }
}
