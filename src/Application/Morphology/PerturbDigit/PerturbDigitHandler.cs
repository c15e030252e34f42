using DigitForge.Application.Common;
using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;
using Mediator;

namespace DigitForge.Application.Morphology.PerturbDigit;

/// <summary>Decodes the digit, perturbs it with stream (seed), measures before and after, encodes the result.</summary>
public sealed class PerturbDigitHandler(IPngCodec png) : IRequestHandler<PerturbDigitRequest, PerturbedDigit>
{
    public ValueTask<PerturbedDigit> Handle(PerturbDigitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var perturbation = MorphoPerturbations.Parse(request.Operation, request.Value);
        var image = png.Decode(request.Png, maxPixels: 1L << 26);
        var outcome = MorphoPerturber.Perturb(image.Gray, image.Height, image.Width, perturbation, KeyedRandom.For(request.Seed));
        var before = MorphometricsCalculator.Measure(image.Gray, image.Height, image.Width);
        var after = MorphometricsCalculator.Measure(outcome.Pixels, image.Height, image.Width);
        return ValueTask.FromResult(new PerturbedDigit(
            perturbation.Name, png.Encode(outcome.Pixels, image.Width, image.Height, 1), outcome.Failure, before, after));
    }
}
