using Mediator;

namespace DigitForge.Application.Experiments.ListKinds;

/// <summary>Every launchable experiment kind with its parameters.</summary>
public sealed record ListJobKindsRequest : IRequest<IReadOnlyList<JobKindInfo>>;
