using Mediator;

namespace DigitForge.Application.Tracking.Runs.ExportRun;

/// <summary>The whole record of run <paramref name="RunId"/>: the run, every metric's full history, its images and artifacts.</summary>
public sealed record ExportRunRequest(string RunId) : IRequest<RunExportDto>;
