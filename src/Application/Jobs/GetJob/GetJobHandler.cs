using DigitForge.Application.Common;
using DigitForge.Application.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Jobs.GetJob;

/// <summary>One job by id (= its run id).</summary>
public sealed class GetJobHandler(ITrackingDbContext db) : IRequestHandler<GetJobRequest, JobDto>
{
    public async ValueTask<JobDto> Handle(GetJobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, cancellationToken);
    }

    public async Task<JobDto> HandleAsync(string id, CancellationToken cancellationToken = default)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken)
                  ?? throw new NotFoundException($"Job {id} does not exist.");
        return JobDto.From(job);
    }
}
