using Mediator;

namespace DigitForge.Application.Jobs.RunJobHere;

/// <summary>
/// Claims a queued job for this process and runs it to its end; answers false when another process has it (the caller
/// may follow its log). Cancelling the request asks the job to cancel.
/// </summary>
/// <param name="JobId">The job's id (= its run's id).</param>
/// <param name="Worker">Appended to the configured worker id, naming this process (e.g. cli).</param>
public sealed record RunJobHereRequest(string JobId, string Worker) : IRequest<bool>
{
    /// <summary>Receives each line of the job's log as it is written.</summary>
    public Action<string>? Log { get; init; }
}
