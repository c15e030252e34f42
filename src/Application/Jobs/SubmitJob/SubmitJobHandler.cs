using System.Globalization;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Jobs.SubmitJob;

/// <summary>
/// Checks the parameters against the kind's schema and rules (400 naming <c>parameters.&lt;name&gt;</c>), creates the
/// job's QUEUED run with the parameters as params, and queues the job under the run's id.
/// </summary>
public sealed class SubmitJobHandler(
    ITrackingDbContext db,
    ExperimentKindRegistry kinds,
    CreateRunHandler runs,
    LogBatchHandler logBatch,
    ITrainer trainer,
    IJobQueue queue,
    TimeProvider clock,
    SubmitPreconditions preconditions)
{
    public async Task<JobDto> HandleAsync(SubmitJobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Get(request.Kind);
        var values = ExperimentKindRegistry.Bind(kind, request.Parameters);
        await preconditions.CheckAsync(kind, values, cancellationToken); // refuse what cannot succeed here (400/503)
        string device = ResolveDevice(kind.Device(values));

        var run = await runs.HandleAsync(
            new CreateRunRequest(
                ExperimentName: string.IsNullOrWhiteSpace(request.ExperimentName) ? kind.Name : request.ExperimentName,
                Name: string.IsNullOrWhiteSpace(request.Name) ? kind.Name : request.Name,
                Status: RunStatusRules.Format(RunStatus.Queued),
                Tags: new Dictionary<string, string?> { [JobTags.Kind] = kind.Name }),
            cancellationToken);
        await logBatch.HandleAsync(
            run.Id,
            new LogBatchRequest(
                Params: [.. values.Ordered.Select(p => new ParamInput(p.Key, Truncate(FormatParam(p.Value))))],
                Tags: [new TagInput(JobTags.Job, run.Id)]),
            cancellationToken);

        var job = Job.Create(run.Id, kind.Name, CanonicalSpec.WriteParameters(values), device, clock.GetUtcNow());
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        queue.NotifyEnqueued();
        return JobDto.From(job);
    }

    /// <summary>auto becomes cuda when this engine sees a device (so the job takes the GPU slot), else cpu.</summary>
    private string ResolveDevice(TrainingDevice device)
    {
        if (device != TrainingDevice.Auto)
        {
            return device.ToString().ToLowerInvariant();
        }

        try
        {
            return trainer.Describe().CudaAvailable ? "cuda" : "cpu";
        }
        catch (TrainingEngineException)
        {
            return "cpu"; // not installed here: the worker that runs it decides, and reports a missing engine itself
        }
    }

    private static string FormatParam(object value) => value switch
    {
        double d => CanonicalSpec.FormatNumber(d),
        bool b => b ? "true" : "false",
        IntegerRange r => string.Create(CultureInfo.InvariantCulture, $"[{r.Min},{r.Max}]"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Truncate(string value) =>
        value.Length > TrackingLimits.MaxParamValueLength ? value[..TrackingLimits.MaxParamValueLength] : value;
}
