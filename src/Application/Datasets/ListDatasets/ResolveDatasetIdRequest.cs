using Mediator;

namespace DigitForge.Application.Datasets.ListDatasets;

/// <summary>
/// The full content id for <paramref name="IdOrPrefix"/>: itself when it is one, else the one stored id it begins
/// (404 when none, 400 when several).
/// </summary>
public sealed record ResolveDatasetIdRequest(string IdOrPrefix) : IRequest<string>;
