using System.Text.Json;
using Mediator;

namespace DigitForge.Application.Jobs.SubmitJob;

/// <summary>
/// Launch an experiment of <paramref name="Kind"/> with <paramref name="Parameters"/> (a JSON object; missing ones
/// take their defaults). Its run goes into <paramref name="ExperimentName"/> (default: the kind's name).
/// </summary>
public sealed record SubmitJobRequest(string Kind, JsonElement? Parameters = null, string? ExperimentName = null, string? Name = null) : IRequest<JobDto>;
