using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Sequences;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Sequences.GenerateSequence;

/// <summary>
/// The rules of a sequence request, checked once before rendering: the filter chain parses, the reference's rules and
/// the configured limits hold (digits, spacing, width, filters), the source is known. No data is loaded.
/// </summary>
public sealed class GenerateSequenceValidator(IDigitSource digits, FilterRegistry filters, IOptions<SequenceOptions> options)
    : IRequestValidator<GenerateSequenceRequest>
{
    private readonly SequenceLimits _limits = new(options.Value.MaxDigits, options.Value.MaxWidth) { MaxFilters = options.Value.MaxFilters };

    public void Validate(GenerateSequenceRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        IReadOnlyList<FilterInvocation> chain = [];
        try
        {
            chain = filters.Parse(request.Filters);
        }
        catch (FilterSpecException ex)
        {
            errors.Add(new ValidationError("filters", ex.Message));
        }

        foreach (var error in GenerateSequenceHandler.Spec(request, chain).Validate(_limits))
        {
            errors.Add(new ValidationError(error.Field, error.Message));
        }

        if (request.Source is { } source && !digits.IsKnownSource(source))
        {
            errors.Add(new ValidationError("source", $"Unknown source '{source}'. Known: {string.Join(", ", digits.KnownSources)}."));
        }
    }
}
