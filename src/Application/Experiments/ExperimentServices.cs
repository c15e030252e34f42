using DigitForge.Application.Datasets.Specs;

namespace DigitForge.Application.Experiments;

/// <summary>What kinds may consult while checking parameters (no engine, no database).</summary>
public sealed record ExperimentServices(DatasetSpecResolver Datasets, ExperimentKindRegistry Kinds);
