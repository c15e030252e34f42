namespace DigitForge.Application.Jobs;

/// <summary>Tags the job runner writes on runs (MLflow-style reserved prefix).</summary>
public static class JobTags
{
    /// <summary>The job a run belongs to (its own id on the parent run).</summary>
    public const string Job = "digitforge.job";

    /// <summary>On a child job's run: the job that queued it (a sweep's point, run by any worker).</summary>
    public const string ParentJob = "digitforge.parent_job";

    /// <summary>The experiment kind that produced the run.</summary>
    public const string Kind = "digitforge.kind";

    /// <summary>Why the run failed or was cancelled.</summary>
    public const string Error = "digitforge.error";

    /// <summary>The artifact holding a job's log.</summary>
    public const string LogArtifact = "logs/job.log";
}
