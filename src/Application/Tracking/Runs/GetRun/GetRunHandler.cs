using DigitForge.Application.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Runs.GetRun;

/// <summary>One run with tags, params and metric summaries; 404 when it does not exist.</summary>
public sealed class GetRunHandler(ITrackingDbContext db, RunDetailsLoader loader) : IRequestHandler<GetRunRequest, RunDto>
{
    public async ValueTask<RunDto> Handle(GetRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, cancellationToken);
    }

    public async Task<RunDto> HandleAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                  ?? throw new NotFoundException($"Run {runId} does not exist.");
        return await loader.LoadAsync(run, cancellationToken);
    }
}
