using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.Mnist1D.DrawMnist1DPlot;

/// <summary>The dataset's rules and a signal count within the dataset and the configured limit (<see cref="Mnist1DRules.CheckPlot"/>).</summary>
public sealed class DrawMnist1DPlotValidator(Mnist1DRules rules) : IRequestValidator<DrawMnist1DPlotRequest>
{
    public void Validate(DrawMnist1DPlotRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        rules.CheckPlot(request.Plot, errors);
        if (!Enum.IsDefined(request.Format))
        {
            errors.Add(new ValidationError("format", $"Unknown format {request.Format}."));
        }
    }
}
