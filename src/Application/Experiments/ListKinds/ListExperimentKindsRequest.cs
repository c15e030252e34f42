using Mediator;

namespace DigitForge.Application.Experiments.ListKinds;

/// <summary>Every launchable experiment kind with its parameters.</summary>
public sealed record ListExperimentKindsRequest : IRequest<IReadOnlyList<ExperimentKindInfo>>;
