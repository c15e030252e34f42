using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Sequences;
using Mediator;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Sequences.GenerateSequence;

/// <summary>
/// Renders one digit-sequence image from real source digits (the reference's generate_numbers_sequence) and encodes
/// it. The request arrives validated (<see cref="GenerateSequenceValidator"/>); with a seed, a caller that already
/// holds the content id gets <see cref="SequenceImage.NotModified"/> before any data is loaded.
/// </summary>
public sealed class GenerateSequenceHandler(IDigitSource digits, FilterRegistry filters, IOptions<SequenceOptions> options, IImageFileEncoder encoder)
    : IRequestHandler<GenerateSequenceRequest, SequenceImage>
{
    private readonly SequenceOptions _options = options.Value;

    public async ValueTask<SequenceImage> Handle(GenerateSequenceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = Spec(request, filters.Parse(request.Filters));
        string source = request.Source ?? _options.DefaultSource;
        string? contentId = null;
        if (request.Seed is not null)
        {
            // Null when the digits come from the official files; else the origin of the data in their place, so a
            // cached image from another server's data is never taken for this one's.
            string? origin = digits.IsKnownSource(source) ? digits.OriginId(source, DataSplit.Train) : null;
            contentId = SequenceContentId.Compute(request, spec, request.Format.ToString(), origin);
            if (request.ClientHolds?.Invoke(contentId) == true)
            {
                return new SequenceImage(contentId, null, 0, 0);
            }
        }

        var images = await digits.GetAsync(source, DataSplit.Train, cancellationToken);
        if (images.Channels != 1 || images.Rows != 28 || images.Cols != 28)
        {
            // Colour or other-sized sources (CIFAR-10) are known sources but not digits to write a sequence with.
            throw new RequestValidationException("source", $"Sequences are written with 28x28 grayscale images; '{source}' has {images.Rows}x{images.Cols}x{images.Channels}.");
        }

        var random = request.Seed is { } seed ? KeyedRandom.For(seed) : KeyedRandom.FromEntropy();
        var image = SequenceRenderer.RenderValid(spec, images, random);
        return new SequenceImage(contentId, encoder.Encode(image, request.Format), image.Width, image.Height);
    }

    /// <summary>The domain spec of a request with its parsed filter chain (checking is the validator's job).</summary>
    internal static SequenceSpec Spec(GenerateSequenceRequest request, IReadOnlyList<FilterInvocation> chain) =>
        new(request.Digits, new SpacingRange(request.SpacingMin, request.SpacingMax), request.Width, request.Evenly, chain);
}
