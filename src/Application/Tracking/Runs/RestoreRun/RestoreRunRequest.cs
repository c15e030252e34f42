using Mediator;

namespace DigitForge.Application.Tracking.Runs.RestoreRun;

/// <summary>Undoes the soft delete of run <paramref name="RunId"/>.</summary>
public sealed record RestoreRunRequest(string RunId) : IRequest<RunDto>;
