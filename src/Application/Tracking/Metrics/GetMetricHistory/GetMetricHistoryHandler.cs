using DigitForge.Application.Common;
using Mediator;

namespace DigitForge.Application.Tracking.Metrics.GetMetricHistory;

/// <summary>
/// The full history of one metric of one run, ordered by step then time (index on run, key, step), optionally
/// reduced to at most <c>maxPoints</c> by <see cref="Domain.Tracking.MetricDownsampler"/> (LTTB) for charts.
/// </summary>
public sealed class GetMetricHistoryHandler(ITrackingDbContext db, GetMetricHistoryValidator validator) : IRequestHandler<GetMetricHistoryRequest, MetricHistoryDto>
{
    /// <summary>Through the mediator: the validation behaviour has checked the request.</summary>
    public async ValueTask<MetricHistoryDto> Handle(GetMetricHistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RunRecords.EnsureRunExistsAsync(db, request.RunId, cancellationToken);
        return await RunRecords.MetricHistoryAsync(db, request.RunId, request.Key!, request.MaxPoints, cancellationToken);
    }

    /// <summary>For the UI's pages, which inject the handler: applies the validator itself, then the same use case.</summary>
    public async Task<MetricHistoryDto> HandleAsync(string runId, string? key, int? maxPoints, CancellationToken cancellationToken = default)
    {
        var request = new GetMetricHistoryRequest(runId, key, maxPoints);
        var errors = new List<ValidationError>();
        validator.Validate(request, errors);
        TrackingInput.ThrowIfAny(errors);
        return await Handle(request, cancellationToken);
    }
}
