using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Jobs;

/// <summary>
/// A queued job and the QUEUED run that records it (one id), in the one shape every job has, whether a user submitted
/// it or a sweep queued it as a point (<paramref name="parentJobId"/>: a child run of that job's, tagged with it).
/// </summary>
internal static class QueuedJobs
{
    /// <summary>Adds the run, its tags and params, and the job to <paramref name="db"/> (tracked, not saved).</summary>
    public static Job Add(ITrackingDbContext db, long experimentId, string name, IJobKind kind, ParameterValues values, string device,
        IEnumerable<KeyValuePair<string, string>> runParams, DateTimeOffset now, string? parentJobId = null)
    {
        var run = Run.Create(RunIds.New(), experimentId, name, RunStatus.Queued, now, parentRunId: parentJobId);
        db.Runs.Add(run);
        db.RunTags.Add(new RunTag(run.Id, JobTags.Kind, kind.Name));
        db.RunTags.Add(new RunTag(run.Id, JobTags.Job, run.Id));
        if (parentJobId is not null)
        {
            db.RunTags.Add(new RunTag(run.Id, JobTags.ParentJob, parentJobId));
        }

        foreach (var (key, value) in runParams)
        {
            db.Params.Add(new Param(run.Id, key, value.Length > TrackingLimits.MaxParamValueLength ? value[..TrackingLimits.MaxParamValueLength] : value));
        }

        var job = Job.Create(run.Id, kind.Name, CanonicalSpec.WriteParameters(values), device, now);
        db.Jobs.Add(job);
        return job;
    }
}
