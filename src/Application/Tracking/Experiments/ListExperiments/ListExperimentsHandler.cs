using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Experiments.ListExperiments;

/// <summary>Experiments, newest first, optionally only the one with an exact name; deleted ones only when asked.</summary>
public sealed class ListExperimentsHandler(ITrackingDbContext db) : IRequestHandler<ListExperimentsRequest, IReadOnlyList<ExperimentDto>>
{
    public async ValueTask<IReadOnlyList<ExperimentDto>> Handle(ListExperimentsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Name, request.IncludeDeleted, cancellationToken);
    }

    public async Task<IReadOnlyList<ExperimentDto>> HandleAsync(string? name = null, bool includeDeleted = false, CancellationToken cancellationToken = default)
    {
        var query = db.Experiments.AsNoTracking();
        if (!includeDeleted)
        {
            query = query.Where(e => e.DeletedAt == null);
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            string trimmed = name.Trim();
            query = query.Where(e => e.Name == trimmed);
        }

        var experiments = await query.OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        return await ExperimentQueries.ToDtosAsync(db, experiments, cancellationToken);
    }
}
