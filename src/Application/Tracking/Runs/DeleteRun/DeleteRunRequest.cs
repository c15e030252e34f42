using Mediator;

namespace DigitForge.Application.Tracking.Runs.DeleteRun;

/// <summary>Soft-deletes run <paramref name="RunId"/>.</summary>
public sealed record DeleteRunRequest(string RunId) : IRequest<RunDto>;
