using DigitForge.Application.Jobs;
using DigitForge.Domain.Jobs;

namespace DigitForge.Infrastructure.Jobs;

/// <summary><see cref="IJobExecution"/> over <see cref="JobExecutor"/>: a cancel request goes through <see cref="JobSignals"/>.</summary>
public sealed class JobExecution(JobExecutor executor, JobSignals signals) : IJobExecution
{
    public async Task<JobStatus> RunAsync(Job job, string workerId, Action<string>? log, CancellationToken cancelRequest)
    {
        ArgumentNullException.ThrowIfNull(job);
        // A cancel request, not a stop: the job ends CANCELLED at its next heartbeat, with its log and outcome stored.
        await using var stop = cancelRequest.Register(() => signals.CancelRequested(job.Id));
        return await executor.ExecuteAsync(job, workerId, CancellationToken.None, log);
    }
}
