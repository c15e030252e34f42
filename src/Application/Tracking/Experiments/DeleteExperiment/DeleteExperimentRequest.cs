using Mediator;

namespace DigitForge.Application.Tracking.Experiments.DeleteExperiment;

/// <summary>Delete experiment <paramref name="Id"/>.</summary>
public sealed record DeleteExperimentRequest(long Id) : IRequest<ExperimentDto>;
