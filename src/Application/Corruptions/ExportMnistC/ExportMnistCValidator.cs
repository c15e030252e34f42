using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.Corruptions.ExportMnistC;

/// <summary>Row counts are not negative (their upper bound is what the data directory holds, known once loaded).</summary>
public sealed class ExportMnistCValidator : IRequestValidator<ExportMnistCRequest>
{
    public void Validate(ExportMnistCRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Train is < 0)
        {
            errors.Add(new ValidationError("train", $"must be 0 or more, got {request.Train}."));
        }

        if (request.Test is < 0)
        {
            errors.Add(new ValidationError("test", $"must be 0 or more, got {request.Test}."));
        }
    }
}
