using DigitForge.Application.Common;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Jobs;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Jobs.ListJobs;

/// <summary>Jobs newest first, optionally of one status (QUEUED, RUNNING, ...), at most <c>limit</c> (1..1000).</summary>
public sealed class ListJobsHandler(ITrackingDbContext db) : IRequestHandler<ListJobsRequest, IReadOnlyList<JobDto>>
{
    public async ValueTask<IReadOnlyList<JobDto>> Handle(ListJobsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Status, request.Limit, cancellationToken);
    }

    public async Task<IReadOnlyList<JobDto>> HandleAsync(string? status, int? limit, CancellationToken cancellationToken = default)
    {
        IQueryable<Job> query = db.Jobs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<JobStatus>(status.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                throw new RequestValidationException("status", $"One of {string.Join(", ", Enum.GetValues<JobStatus>().Select(JobRules.Format))}, not '{status}'.");
            }

            query = query.Where(j => j.Status == parsed);
        }

        int take = limit ?? 100;
        if (take is < 1 or > 1000)
        {
            throw new RequestValidationException("limit", "Between 1 and 1000.");
        }

        var jobs = await query.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id).Take(take).ToListAsync(cancellationToken);
        return [.. jobs.Select(JobDto.From)];
    }
}
