using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Jobs.SubmitJob;

/// <summary>
/// The shape of a submission: parameters are an object (or absent), names fit the tracking limits. The parameters'
/// values are bound against the kind's schema by the handler, which is where the kind is known.
/// </summary>
public sealed class SubmitJobValidator : IRequestValidator<SubmitJobRequest>
{
    public void Validate(SubmitJobRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined) })
        {
            errors.Add(new ValidationError("parameters", "Must be an object of parameter names and values."));
        }

        var found = new List<ValidationError>();
        TrackingInput.CheckLength("experimentName", request.ExperimentName?.Trim(), TrackingLimits.MaxNameLength, found);
        TrackingInput.CheckLength("name", request.Name?.Trim(), TrackingLimits.MaxNameLength, found);
        foreach (var error in found)
        {
            errors.Add(error);
        }
    }
}
