using Mediator;

namespace DigitForge.Application.Tracking.Runs.UpdateRun;

/// <summary>Applies <paramref name="Update"/> (the HTTP body) to run <paramref name="RunId"/> (the route).</summary>
public sealed record RunUpdateRequest(string RunId, UpdateRunRequest Update) : IRequest<RunDto>;
