using DigitForge.Application.Experiments.Summaries;
using Mediator;

namespace DigitForge.Application.Experiments.GetSummary;

/// <summary>An experiment job's result summary (404 until the job has written one).</summary>
public sealed record GetExperimentSummaryRequest(string RunId) : IRequest<ExperimentSummary>;
