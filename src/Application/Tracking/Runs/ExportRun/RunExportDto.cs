using DigitForge.Application.Tracking.Artifacts;
using DigitForge.Application.Tracking.Images;
using DigitForge.Application.Tracking.Metrics.GetMetricHistory;

namespace DigitForge.Application.Tracking.Runs.ExportRun;

/// <summary>
/// A run with the full history of every metric (in the order of <see cref="RunDto.Metrics"/>' keys) and the listings
/// of its images and artifacts, read in one unit of work.
/// </summary>
public sealed record RunExportDto(
    RunDto Run,
    IReadOnlyList<MetricHistoryDto> Histories,
    IReadOnlyList<RunImageDto> Images,
    IReadOnlyList<ArtifactDto> Artifacts);
