using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Runs.DeleteRun;

/// <summary>Soft-deletes a run: hidden from searches and closed to logging, its data kept until restored.</summary>
public sealed class DeleteRunHandler(ITrackingDbContext db, RunDetailsLoader loader, TimeProvider clock) : IRequestHandler<DeleteRunRequest, RunDto>
{
    public async ValueTask<RunDto> Handle(DeleteRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, cancellationToken);
    }

    public async Task<RunDto> HandleAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                  ?? throw new NotFoundException($"Run {runId} does not exist.");
        run.Delete(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await loader.LoadAsync(run, cancellationToken);
    }
}
