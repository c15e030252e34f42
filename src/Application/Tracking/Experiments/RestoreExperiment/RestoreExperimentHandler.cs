using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Experiments.RestoreExperiment;

/// <summary>Undoes a soft delete of an experiment (its runs reappear unless they were deleted themselves).</summary>
public sealed class RestoreExperimentHandler(ITrackingDbContext db) : IRequestHandler<RestoreExperimentRequest, ExperimentDto>
{
    public async ValueTask<ExperimentDto> Handle(RestoreExperimentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, cancellationToken);
    }

    public async Task<ExperimentDto> HandleAsync(long id, CancellationToken cancellationToken = default)
    {
        var experiment = await db.Experiments.FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                         ?? throw new NotFoundException($"Experiment {id} does not exist.");
        experiment.Restore();
        await db.SaveChangesAsync(cancellationToken);
        return (await ExperimentQueries.ToDtosAsync(db, [experiment], cancellationToken))[0];
    }
}
