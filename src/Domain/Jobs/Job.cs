using DigitForge.Domain.Tracking;

namespace DigitForge.Domain.Jobs;

/// <summary>
/// A queued or running experiment: its kind, its parameters (canonical JSON), the device it needs, and who runs it.
/// The id is the id of the run that records it (the parent run of its child runs), so a job and its run are looked
/// up, cancelled and linked by one id. Rows live in the tracking database, so a restart loses no queued job and
/// several worker processes can share one PostgreSQL queue.
/// </summary>
public sealed class Job
{
    private Job()
    {
        Id = string.Empty;
        Kind = string.Empty;
        Parameters = "{}";
        Device = string.Empty;
    }

    private Job(string id, string kind, string parameters, string device, DateTimeOffset createdAt)
    {
        Id = id;
        Kind = kind;
        Parameters = parameters;
        Device = device;
        CreatedAt = createdAt;
        Status = JobStatus.Queued;
    }

    /// <summary>The id of the job's run (32 lower-case hex digits).</summary>
    public string Id { get; private set; }

    /// <summary>The registered experiment kind, e.g. <c>mnist1d-benchmark</c>.</summary>
    public string Kind { get; private set; }

    /// <summary>The bound parameters as canonical JSON (defaults filled in).</summary>
    public string Parameters { get; private set; }

    /// <summary><c>cpu</c> or <c>cuda</c>: GPU jobs run one at a time per worker.</summary>
    public string Device { get; private set; }

    public JobStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The running worker's last sign of life.</summary>
    public DateTimeOffset? HeartbeatAt { get; private set; }

    /// <summary>The worker process that claimed the job.</summary>
    public string? WorkerId { get; private set; }

    /// <summary>Set by a cancel request; the worker sees it at its next heartbeat (or at once in-process).</summary>
    public bool CancelRequested { get; private set; }

    /// <summary>Why the job failed or was cancelled.</summary>
    public string? Error { get; private set; }

    public bool IsTerminal => JobRules.IsTerminal(Status);

    public static Job Create(string id, string kind, string parameters, string device, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        return new Job(id, kind, parameters, device, TrackingTime.ToMilliseconds(now));
    }

    /// <summary>A worker takes the queued job (the database claim does the same in one locked statement).</summary>
    public void Claim(string workerId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        Move(JobStatus.Running);
        WorkerId = workerId;
        StartedAt = HeartbeatAt = TrackingTime.ToMilliseconds(now);
    }

    public void Beat(DateTimeOffset now) => HeartbeatAt = TrackingTime.ToMilliseconds(now);

    /// <summary>Asks the job to stop. A queued job ends CANCELLED at once (true); a running one stops at the worker.</summary>
    public bool RequestCancel(DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return false;
        }

        CancelRequested = true;
        if (Status == JobStatus.Queued)
        {
            End(JobStatus.Cancelled, "Cancelled before it started.", now);
            return true;
        }

        return false;
    }

    /// <summary>Ends the job; <paramref name="error"/> says why it failed or was cancelled.</summary>
    public void End(JobStatus status, string? error, DateTimeOffset now)
    {
        if (!JobRules.IsTerminal(status))
        {
            throw new ArgumentException($"{JobRules.Format(status)} is not an ending status.", nameof(status));
        }

        Move(status);
        EndedAt = TrackingTime.ToMilliseconds(now);
        Error = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;
    }

    public const int MaxErrorLength = 4000;

    private void Move(JobStatus next)
    {
        if (!JobRules.CanTransition(Status, next) || next == Status)
        {
            throw new TrackingConflictException($"Job {Id} cannot go from {JobRules.Format(Status)} to {JobRules.Format(next)}.");
        }

        Status = next;
    }
}
