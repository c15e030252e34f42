using Mediator;

namespace DigitForge.Application.Tracking.Runs.LogBatch;

/// <summary>Logs <paramref name="Batch"/> (the HTTP body) to run <paramref name="RunId"/> (the route), atomically.</summary>
public sealed record RunLogBatchRequest(string RunId, LogBatchRequest Batch) : IRequest<LogBatchResult>;
