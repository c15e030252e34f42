using System.Globalization;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Experiments;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Mediator;

namespace DigitForge.Application.Jobs.SubmitJob;

/// <summary>
/// Binds the parameters to the kind's schema and rules (400 naming <c>parameters.&lt;name&gt;</c>), then, as one unit
/// of work (a single SaveChanges), creates the job's QUEUED run with the parameters as params and queues the job under
/// the run's id: a failure stores neither, so there is never a QUEUED run without its job.
/// </summary>
public sealed class SubmitJobHandler(
    ITrackingDbContext db,
    JobKindRegistry kinds,
    ExperimentNames experiments,
    ITrainer trainer,
    IJobQueue queue,
    TimeProvider clock,
    SubmitPreconditions preconditions) : IRequestHandler<SubmitJobRequest, JobDto>
{
    public async ValueTask<JobDto> Handle(SubmitJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Get(request.Kind);
        var values = JobKindRegistry.Bind(kind, request.Parameters);
        await preconditions.CheckAsync(kind, values, cancellationToken); // refuse what cannot succeed here (400/503)
        string device = JobDevices.Resolve(kind.Device(values), trainer);

        long experimentId = await experiments.GetOrCreateIdAsync(string.IsNullOrWhiteSpace(request.ExperimentName) ? kind.Name : request.ExperimentName, cancellationToken);
        await experiments.EnsureAcceptsRunsAsync(experimentId, cancellationToken);
        var now = clock.GetUtcNow();
        string name = string.IsNullOrWhiteSpace(request.Name) ? DefaultRunName.For(kind, values) : request.Name;
        var runParams = values.Ordered.DistinctBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, FormatParam(p.Value)));
        var job = QueuedJobs.Add(db, experimentId, name, kind, values, device, runParams, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        queue.NotifyEnqueued();
        return JobDto.From(job);
    }

    private static string FormatParam(object value) => value switch
    {
        double d => CanonicalSpec.FormatNumber(d),
        bool b => b ? "true" : "false",
        IntegerRange r => string.Create(CultureInfo.InvariantCulture, $"[{r.Min},{r.Max}]"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
