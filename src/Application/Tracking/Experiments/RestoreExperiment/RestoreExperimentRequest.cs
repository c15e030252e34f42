using Mediator;

namespace DigitForge.Application.Tracking.Experiments.RestoreExperiment;

/// <summary>Restore experiment <paramref name="Id"/>.</summary>
public sealed record RestoreExperimentRequest(long Id) : IRequest<ExperimentDto>;
