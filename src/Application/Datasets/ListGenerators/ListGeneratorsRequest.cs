using Mediator;

namespace DigitForge.Application.Datasets.ListGenerators;

/// <summary>Every registered generator with its parameters, defaults, ranges and splits.</summary>
public sealed record ListGeneratorsRequest : IRequest<IReadOnlyList<GeneratorInfo>>;
