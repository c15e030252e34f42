using DigitForge.Application.Common;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Jobs.CancelJob;

/// <summary>
/// Cancels a job by id (= its run id). A queued job and its run end CANCELLED at once; a running job is stopped by
/// its worker (at once in this process, at its next heartbeat in another), which then ends its runs CANCELLED.
/// Cancelling an ended job changes nothing.
/// </summary>
public sealed class CancelJobHandler(ITrackingDbContext db, IJobQueue queue, TimeProvider clock) : IRequestHandler<CancelJobRequest, JobDto>
{
    public async ValueTask<JobDto> Handle(CancelJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, cancellationToken);
    }

    public async Task<JobDto> HandleAsync(string id, CancellationToken cancellationToken = default)
    {
        var job = await db.Jobs.FirstOrDefaultAsync(j => j.Id == id, cancellationToken)
                  ?? throw new NotFoundException($"Job {id} does not exist.");
        var now = clock.GetUtcNow();
        if (job.RequestCancel(now))
        {
            await JobRuns.EndOpenRunsAsync(db, job.Id, RunStatus.Cancelled, job.Error, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (job.Status == JobStatus.Running)
        {
            queue.NotifyCancelRequested(job.Id);
        }

        return JobDto.From(job);
    }
}
