using Mediator;

namespace DigitForge.Application.Jobs.GetJob;

/// <summary>A job by id (= its run's id).</summary>
public sealed record GetJobRequest(string Id) : IRequest<JobDto>;
