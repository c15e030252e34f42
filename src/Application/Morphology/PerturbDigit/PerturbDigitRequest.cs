using DigitForge.Domain.Morphology;
using Mediator;

namespace DigitForge.Application.Morphology.PerturbDigit;

/// <summary>One Morpho-MNIST perturbation of a PNG digit (ink bright on dark), applied at 4x.</summary>
/// <param name="Png">The digit.</param>
/// <param name="Operation">thin, thick, swell, fracture, set-thickness, set-slant or set-width.</param>
/// <param name="Value">Amount, strength, fractures, or the target of a set-* op.</param>
/// <param name="Seed">Seed of the random choices (swell, fracture).</param>
public sealed record PerturbDigitRequest(byte[] Png, string Operation, double? Value, ulong Seed) : IRequest<PerturbedDigit>;

/// <summary>The result as PNG (the input when the perturbation did not apply, <see cref="Failure"/> saying why) and the measurements before and after.</summary>
public sealed record PerturbedDigit(string Name, byte[] Png, string? Failure, Morphometrics Before, Morphometrics After)
{
    public bool Applied => Failure is null;
}
