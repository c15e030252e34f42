using Mediator;

namespace DigitForge.Application.Datasets.ListDatasets;

/// <summary>Stored datasets, newest first: of <paramref name="Generator"/> only, ids starting with <paramref name="IdPrefix"/>, at most <paramref name="Limit"/> (1-1000).</summary>
public sealed record ListDatasetsRequest(string? Generator = null, string? IdPrefix = null, int Limit = 200) : IRequest<IReadOnlyList<DatasetSummary>>;
