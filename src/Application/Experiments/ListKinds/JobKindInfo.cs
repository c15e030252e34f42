using DigitForge.Application.Datasets.ListGenerators;

namespace DigitForge.Application.Experiments.ListKinds;

/// <summary>A kind as <c>GET /api/experiments/kinds</c> lists it; the Launch form is built from it.</summary>
/// <param name="DatasetParameters">Parameters holding a dataset spec (JSON), for the dataset picker.</param>
public sealed record JobKindInfo(string Name, string Description, IReadOnlyList<ParameterInfo> Parameters, IReadOnlyList<string> DatasetParameters);
