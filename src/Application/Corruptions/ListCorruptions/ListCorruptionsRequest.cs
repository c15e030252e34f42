using Mediator;

namespace DigitForge.Application.Corruptions.ListCorruptions;

/// <summary>Every registered corruption with its severities and reference sets.</summary>
public sealed record ListCorruptionsRequest : IRequest<IReadOnlyList<CorruptionInfo>>;
