using Mediator;

namespace DigitForge.Application.Tracking.Metrics.GetMetricHistory;

/// <summary>The series of metric <paramref name="Key"/> of run <paramref name="RunId"/>; at most <paramref name="MaxPoints"/> (LTTB) when given.</summary>
public sealed record GetMetricHistoryRequest(string RunId, string? Key, int? MaxPoints = null) : IRequest<MetricHistoryDto>;
