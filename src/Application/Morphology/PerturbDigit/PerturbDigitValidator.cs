using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.Morphology.PerturbDigit;

/// <summary>A known operation, with its target where it needs one.</summary>
public sealed class PerturbDigitValidator : IRequestValidator<PerturbDigitRequest>
{
    public void Validate(PerturbDigitRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        MorphoPerturbations.Check(request.Operation, request.Value, errors);
    }
}
