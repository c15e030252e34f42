using DigitForge.Domain.Jobs;

namespace DigitForge.Application.Jobs;

/// <summary>Runs a claimed job in this process (heartbeat, log artifact, outcome); implemented in Infrastructure/Jobs.</summary>
public interface IJobExecution
{
    /// <summary>
    /// Runs <paramref name="job"/>, claimed by <paramref name="workerId"/>, to its end. <paramref name="cancelRequest"/>
    /// firing is a cancel request (the job ends CANCELLED, not FAILED); <paramref name="log"/> gets each log line.
    /// </summary>
    Task<JobStatus> RunAsync(Job job, string workerId, Action<string>? log, CancellationToken cancelRequest);
}
