using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Sequences;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Sequences.GenerateSequence;

/// <summary>Renders one digit-sequence image from real source digits (the reference's generate_numbers_sequence).</summary>
public sealed class GenerateSequenceHandler(IDigitSource digits, FilterRegistry filters, IOptions<SequenceOptions> options)
{
    private readonly SequenceOptions _options = options.Value;
    private readonly SequenceLimits _limits = new(options.Value.MaxDigits, options.Value.MaxWidth) { MaxFilters = options.Value.MaxFilters };

    public async ValueTask<GeneratedSequence> HandleAsync(GenerateSequenceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = Validate(request);
        string source = request.Source ?? _options.DefaultSource;
        var images = await digits.GetAsync(source, DataSplit.Train, cancellationToken);
        if (images.Channels != 1 || images.Rows != 28 || images.Cols != 28)
        {
            // Colour or other-sized sources (CIFAR-10) are known sources but not digits to write a sequence with.
            throw new RequestValidationException("source", $"Sequences are written with 28x28 grayscale images; '{source}' has {images.Rows}x{images.Cols}x{images.Channels}.");
        }

        var random = request.Seed is { } seed ? KeyedRandom.For(seed) : KeyedRandom.FromEntropy();
        var image = SequenceRenderer.Render(spec, images, random);
        return new GeneratedSequence(image, request.Seed, source);
    }

    /// <summary>Checks the request without loading any data; throws <see cref="RequestValidationException"/>.</summary>
    /// <summary>
    /// Null when the digits drawn come from the official files; else the origin of the data in their place (part of
    /// the ETag, so a cached image from another server's data is never taken for this one's).
    /// </summary>
    public string? SourceOriginId(GenerateSequenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string source = request.Source ?? _options.DefaultSource;
        return digits.IsKnownSource(source) ? digits.OriginId(source, DataSplit.Train) : null;
    }

    public SequenceSpec Validate(GenerateSequenceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();

        IReadOnlyList<FilterInvocation> chain = [];
        try
        {
            chain = filters.Parse(request.Filters);
        }
        catch (FilterSpecException ex)
        {
            errors.Add(new ValidationError("filters", ex.Message));
        }

        var spec = new SequenceSpec(request.Digits, new SpacingRange(request.SpacingMin, request.SpacingMax), request.Width, request.Evenly, chain);
        foreach (var error in spec.Validate(_limits))
        {
            errors.Add(new ValidationError(error.Field, error.Message));
        }

        if (request.Source is { } source && !digits.IsKnownSource(source))
        {
            errors.Add(new ValidationError("source", $"Unknown source '{source}'. Known: {string.Join(", ", digits.KnownSources)}."));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return spec;
    }
}
