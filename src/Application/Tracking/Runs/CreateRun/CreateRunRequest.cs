using Mediator;

namespace DigitForge.Application.Tracking.Runs.CreateRun;

/// <summary>
/// A new run in an experiment given by id or by name (created when missing, so a script can log with one call).
/// Status is QUEUED or RUNNING (default); a RUNNING run starts at <paramref name="StartTime"/> or now.
/// </summary>
public sealed record CreateRunRequest(
    long? ExperimentId = null,
    string? ExperimentName = null,
    string? Name = null,
    string? Status = null,
    DateTimeOffset? StartTime = null,
    string? ParentRunId = null,
    string? DatasetSpecId = null,
    string? Notes = null,
    IReadOnlyDictionary<string, string?>? Tags = null) : IRequest<RunDto>;
