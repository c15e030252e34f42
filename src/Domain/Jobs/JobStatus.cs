namespace DigitForge.Domain.Jobs;

/// <summary>Where a job is: QUEUED → RUNNING → FINISHED | FAILED | CANCELLED (a queued job may also be cancelled).</summary>
public enum JobStatus
{
    Queued,
    Running,
    Finished,
    Failed,
    Cancelled,
}
