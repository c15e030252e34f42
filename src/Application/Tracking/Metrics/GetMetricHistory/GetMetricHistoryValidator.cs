using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.Tracking.Metrics.GetMetricHistory;

/// <summary>A well-formed metric key, and at least 3 points when downsampling (first, last and one between).</summary>
public sealed class GetMetricHistoryValidator : IRequestValidator<GetMetricHistoryRequest>
{
    public void Validate(GetMetricHistoryRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        var found = new List<ValidationError>();
        TrackingInput.CheckKey("key", request.Key, found);
        if (request.MaxPoints is < 3)
        {
            found.Add(new ValidationError("maxPoints", "Ask for at least 3 points (first, last and one between)."));
        }

        foreach (var error in found)
        {
            errors.Add(error);
        }
    }
}
