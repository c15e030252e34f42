using DigitForge.Application.Experiments;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Jobs;

namespace DigitForge.Application.Jobs.ChildJobs;

/// <summary>One point of a fan-out: the inner kind, its bound parameters, the child run's name and the params shown on it.</summary>
public sealed record ChildJob(string Name, IJobKind Kind, ParameterValues Values, IReadOnlyDictionary<string, string> RunParams);

/// <summary>How one child job ended: its index in the queued list, its run (= job) id, its status and why it did not finish.</summary>
public sealed record ChildJobOutcome(int Index, string RunId, JobStatus Status, string? Error, string? WorkerId)
{
    /// <summary>Why the child did not finish (its error, or its status when it gave none); null when it finished.</summary>
    public string? Failure => Status == JobStatus.Finished ? null : Error ?? JobRules.Format(Status);
}
