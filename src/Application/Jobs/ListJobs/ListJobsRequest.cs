using Mediator;

namespace DigitForge.Application.Jobs.ListJobs;

/// <summary>The latest jobs, optionally of one status.</summary>
public sealed record ListJobsRequest(string? Status, int? Limit) : IRequest<IReadOnlyList<JobDto>>;
