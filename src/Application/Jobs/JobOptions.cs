namespace DigitForge.Application.Jobs;

/// <summary>Configuration section <c>DigitForge:Jobs</c>: how this process runs experiment jobs.</summary>
public sealed class JobOptions
{
    public const string SectionName = "DigitForge:Jobs";

    /// <summary>Whether this process runs queued jobs (the embedded default); false for an API that only queues them.</summary>
    public bool RunJobs { get; set; } = true;

    /// <summary>Jobs this process runs at once.</summary>
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>CUDA jobs this process runs at once (one per device: they share its memory).</summary>
    public int MaxConcurrentGpuJobs { get; set; } = 1;

    /// <summary>How often a running job records its heartbeat and looks for a cancel request from another process.</summary>
    public double HeartbeatSeconds { get; set; } = 1;

    /// <summary>A RUNNING job without a heartbeat for this long is orphaned: recovery marks it FAILED.</summary>
    public double StaleAfterSeconds { get; set; } = 30;

    /// <summary>How often an idle runner looks for queued jobs (other processes' submissions, orphans).</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>This process's name in the queue; default host name + process id.</summary>
    public string? WorkerId { get; set; }

    public TimeSpan HeartbeatInterval => TimeSpan.FromSeconds(Math.Max(0.05, HeartbeatSeconds));

    public TimeSpan StaleAfter => TimeSpan.FromSeconds(Math.Max(1, StaleAfterSeconds));

    public TimeSpan PollInterval => TimeSpan.FromSeconds(Math.Max(0.05, PollSeconds));

    public string ResolveWorkerId() =>
        string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : WorkerId.Trim();
}
