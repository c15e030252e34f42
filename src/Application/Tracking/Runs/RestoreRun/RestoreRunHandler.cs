using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Runs.RestoreRun;

/// <summary>Undoes a soft delete.</summary>
public sealed class RestoreRunHandler(ITrackingDbContext db, RunDetailsLoader loader) : IRequestHandler<RestoreRunRequest, RunDto>
{
    public async ValueTask<RunDto> Handle(RestoreRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, cancellationToken);
    }

    public async Task<RunDto> HandleAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                  ?? throw new NotFoundException($"Run {runId} does not exist.");
        run.Restore();
        await db.SaveChangesAsync(cancellationToken);
        return await loader.LoadAsync(run, cancellationToken);
    }
}
