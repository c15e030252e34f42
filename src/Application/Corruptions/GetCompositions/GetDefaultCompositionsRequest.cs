using DigitForge.Domain.Corruptions.Compositions;
using Mediator;

namespace DigitForge.Application.Corruptions.GetCompositions;

/// <summary>The default 167 compositions drawn with <paramref name="Seed"/> by <paramref name="Sampler"/>.</summary>
public sealed record GetDefaultCompositionsRequest(ulong Seed = DefaultCompositions.Seed, CompositionSampler Sampler = CompositionSampler.Keyed) : IRequest<CompositionListInfo>;
