using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Experiments.GetExperiment;

/// <summary>One experiment by id; 404 when it does not exist.</summary>
public sealed class GetExperimentHandler(ITrackingDbContext db) : IRequestHandler<GetExperimentRequest, ExperimentDto>
{
    public async ValueTask<ExperimentDto> Handle(GetExperimentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, cancellationToken);
    }

    public async Task<ExperimentDto> HandleAsync(long id, CancellationToken cancellationToken = default)
    {
        var experiment = await db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                         ?? throw new NotFoundException($"Experiment {id} does not exist.");
        return (await ExperimentQueries.ToDtosAsync(db, [experiment], cancellationToken))[0];
    }
}
