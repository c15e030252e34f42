using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.Mnist1D.ExportMnist1D;

/// <summary>The reference's argument rules and the configured limits (<see cref="Mnist1DRules.CheckDataset"/>), and a known format.</summary>
public sealed class ExportMnist1DValidator(Mnist1DRules rules) : IRequestValidator<ExportMnist1DRequest>
{
    public void Validate(ExportMnist1DRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        rules.CheckDataset(request.Dataset, errors);
        if (!Enum.IsDefined(request.Format))
        {
            errors.Add(new ValidationError("format", $"Unknown format {request.Format}."));
        }
    }
}
