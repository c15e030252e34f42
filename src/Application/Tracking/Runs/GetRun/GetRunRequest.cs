using Mediator;

namespace DigitForge.Application.Tracking.Runs.GetRun;

/// <summary>A run with its params, tags and latest metrics.</summary>
public sealed record GetRunRequest(string RunId) : IRequest<RunDto>;
