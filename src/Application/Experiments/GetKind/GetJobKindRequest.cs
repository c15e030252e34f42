using DigitForge.Application.Experiments.ListKinds;
using Mediator;

namespace DigitForge.Application.Experiments.GetKind;

/// <summary>One launchable kind (a recipe: <c>classifier</c>, <c>sweep</c>, ...) with its parameter schema; 404 when unknown.</summary>
public sealed record GetJobKindRequest(string Kind) : IRequest<JobKindInfo>;
