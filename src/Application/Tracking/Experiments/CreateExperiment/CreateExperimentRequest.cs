using Mediator;

namespace DigitForge.Application.Tracking.Experiments.CreateExperiment;

/// <summary>A new experiment: a unique name, an optional description and tags.</summary>
public sealed record CreateExperimentRequest(string? Name, string? Description = null, IReadOnlyDictionary<string, string?>? Tags = null) : IRequest<ExperimentDto>;
