using Mediator;

namespace DigitForge.Application.Jobs.CancelJob;

/// <summary>Cancel a job: a queued one ends at once, a running one at its worker's next heartbeat.</summary>
public sealed record CancelJobRequest(string Id) : IRequest<JobDto>;
