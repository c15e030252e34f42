using Mediator;

namespace DigitForge.Application.Tracking.Experiments.GetExperiment;

/// <summary>Get experiment <paramref name="Id"/>.</summary>
public sealed record GetExperimentRequest(long Id) : IRequest<ExperimentDto>;
