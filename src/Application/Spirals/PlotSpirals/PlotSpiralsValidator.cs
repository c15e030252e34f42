using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.Application.Spirals.PlotSpirals;

/// <summary>
/// Either a dataset (its spec fixes parameters and seed) or generator parameters, never both; parameters the generator
/// has; a split only with a dataset. Parameter values are checked by the spec binder, naming the parameter.
/// </summary>
public sealed class PlotSpiralsValidator : IRequestValidator<PlotSpiralsRequest>
{
    private static readonly string[] Known = [.. new SpiralsDatasetGenerator().Parameters.Select(p => p.Name)];

    public void Validate(PlotSpiralsRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!string.IsNullOrWhiteSpace(request.Dataset))
        {
            if (request.Parameters.Count > 0 || request.Seed is not null)
            {
                errors.Add(new ValidationError(
                    request.Parameters.Count > 0 ? request.Parameters.Keys.First() : "seed",
                    "A stored dataset's parameters and seed are fixed by its spec; give either dataset (and split) or generator parameters."));
            }

            return;
        }

        if (request.Split is not null)
        {
            errors.Add(new ValidationError("split", "split goes with dataset; generator parameters plot the train split."));
        }

        foreach (string name in request.Parameters.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)))
        {
            errors.Add(new ValidationError(name, $"Unknown parameter. Spirals take {string.Join(", ", Known)}, seed, or dataset and split."));
        }
    }
}
