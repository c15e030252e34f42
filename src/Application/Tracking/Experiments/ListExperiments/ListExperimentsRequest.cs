using Mediator;

namespace DigitForge.Application.Tracking.Experiments.ListExperiments;

/// <summary>Experiments, newest first; only the one named <paramref name="Name"/> when given; soft-deleted ones when <paramref name="IncludeDeleted"/>.</summary>
public sealed record ListExperimentsRequest(string? Name = null, bool IncludeDeleted = false) : IRequest<IReadOnlyList<ExperimentDto>>;
