using DigitForge.Domain.Jobs;

namespace DigitForge.Application.Jobs;

/// <summary>
/// The persistent job queue (rows in the tracking database). Claims are atomic: on PostgreSQL a row lock taken with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several workers on one database never take the same job; SQLite is for one
/// process. The notifications wake this process's runner at once instead of at its next poll.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue; the design names the port IJobQueue.")]
public interface IJobQueue
{
    /// <summary>Takes the oldest queued job (not a CUDA one when <paramref name="allowGpu"/> is false) for <paramref name="workerId"/>, or null.</summary>
    Task<Job?> ClaimNextAsync(string workerId, bool allowGpu, CancellationToken cancellationToken);

    /// <summary>Takes one queued job by id (the CLI's <c>--wait</c> runs its own job); null when it is not queued any more.</summary>
    Task<Job?> ClaimAsync(string jobId, string workerId, CancellationToken cancellationToken);

    /// <summary>Records a sign of life of a running job; returns whether a cancel was requested meanwhile.</summary>
    Task<bool> HeartbeatAsync(string jobId, string workerId, CancellationToken cancellationToken);

    /// <summary>A job was queued in this process.</summary>
    void NotifyEnqueued();

    /// <summary>A cancel was requested in this process: the runner stops the job without waiting for a heartbeat.</summary>
    void NotifyCancelRequested(string jobId);
}
