using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Runs.ExportRun;

/// <summary>
/// Reads a run's whole record for <c>runs export</c>: one use case over the reads that the run, history and listing
/// use cases share (<see cref="RunDetailsLoader"/>, <see cref="RunRecords"/>), not four handlers in a row.
/// </summary>
public sealed class ExportRunHandler(ITrackingDbContext db, RunDetailsLoader loader) : IRequestHandler<ExportRunRequest, RunExportDto>
{
    public async ValueTask<RunExportDto> Handle(ExportRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string runId = request.RunId;
        var stored = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                     ?? throw new NotFoundException($"Run {runId} does not exist.");
        var run = await loader.LoadAsync(stored, cancellationToken);
        var histories = new List<Metrics.GetMetricHistory.MetricHistoryDto>(run.Metrics.Count);
        foreach (string key in run.Metrics.Keys)
        {
            histories.Add(await RunRecords.MetricHistoryAsync(db, runId, key, null, cancellationToken));
        }

        return new RunExportDto(
            run,
            histories,
            await RunRecords.ImagesAsync(db, runId, null, cancellationToken),
            await RunRecords.ArtifactsAsync(db, runId, null, cancellationToken));
    }
}
