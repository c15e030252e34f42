namespace DigitForge.Domain.Jobs;

/// <summary>
/// The job lifecycle and the liveness rule. A running job proves it is alive with a heartbeat; one whose last sign of
/// life is older than the stale limit belongs to a process that died (killed, crashed, machine gone), and recovery
/// marks it FAILED so that nothing stays RUNNING forever.
/// </summary>
public static class JobRules
{
    public static bool IsTerminal(JobStatus status) => status is JobStatus.Finished or JobStatus.Failed or JobStatus.Cancelled;

    public static bool CanTransition(JobStatus from, JobStatus to) => from == to || (from, to) switch
    {
        (JobStatus.Queued, JobStatus.Running or JobStatus.Failed or JobStatus.Cancelled) => true,
        (JobStatus.Running, JobStatus.Finished or JobStatus.Failed or JobStatus.Cancelled) => true,
        _ => false,
    };

    public static string Format(JobStatus status) => status.ToString().ToUpperInvariant();

    /// <summary>The last sign of life of a job: its heartbeat, else when it started, else when it was queued.</summary>
    public static DateTimeOffset LastSeen(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.HeartbeatAt ?? job.StartedAt ?? job.CreatedAt;
    }

    /// <summary>Whether <paramref name="job"/> runs in a process that stopped beating more than <paramref name="staleAfter"/> ago.</summary>
    public static bool IsOrphaned(Job job, DateTimeOffset now, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.Status == JobStatus.Running && now - LastSeen(job) > staleAfter;
    }
}
