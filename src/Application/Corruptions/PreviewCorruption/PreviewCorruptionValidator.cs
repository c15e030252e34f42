using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.Application.Corruptions.PreviewCorruption;

/// <summary>A known source and index, a corruption or composition that parses, a severity the corruption has.</summary>
public sealed class PreviewCorruptionValidator(CorruptionRegistry corruptions) : IRequestValidator<PreviewCorruptionRequest>
{
    private readonly CompositionParser _parser = new(corruptions);

    public void Validate(PreviewCorruptionRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (!CorruptionSource.Names.Contains(request.Source, StringComparer.Ordinal))
        {
            errors.Add(new ValidationError("source", $"Unknown source '{request.Source}'. Sources: {string.Join(", ", CorruptionSource.Names)}."));
        }
        else if (request.Index < 0 || request.Index >= CorruptionSource.Get(request.Source).TrainImages)
        {
            errors.Add(new ValidationError("index", $"Must be an image index from 0 to {CorruptionSource.Get(request.Source).TrainImages - 1}, got {request.Index}."));
        }

        if (errors.Count > 0 || request.Severity == 0)
        {
            return;
        }

        Composition composition;
        try
        {
            composition = _parser.Parse(request.Corruption);
        }
        catch (FormatException ex)
        {
            errors.Add(new ValidationError("name", ex.Message));
            return;
        }

        if (request.Severity is not { } severity)
        {
            return;
        }

        if (composition.Steps.Count != 1)
        {
            errors.Add(new ValidationError("severity", "A severity applies to a single corruption; give severities inside a composition as name:severity."));
            return;
        }

        var corruption = composition.Steps[0].Corruption;
        if (severity < 0 || severity > corruption.MaxSeverity)
        {
            errors.Add(new ValidationError("severity", $"'{corruption.Name}' has severities 1..{corruption.MaxSeverity} (0 = the clean image), got {severity}."));
        }
    }
}
