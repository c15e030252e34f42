using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Experiments.DeleteExperiment;

/// <summary>Soft-deletes an experiment: it and its runs disappear from lists and searches until restored.</summary>
public sealed class DeleteExperimentHandler(ITrackingDbContext db, TimeProvider clock) : IRequestHandler<DeleteExperimentRequest, ExperimentDto>
{
    public async ValueTask<ExperimentDto> Handle(DeleteExperimentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, cancellationToken);
    }

    public async Task<ExperimentDto> HandleAsync(long id, CancellationToken cancellationToken = default)
    {
        var experiment = await db.Experiments.FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                         ?? throw new NotFoundException($"Experiment {id} does not exist.");
        experiment.Delete(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return (await ExperimentQueries.ToDtosAsync(db, [experiment], cancellationToken))[0];
    }
}
