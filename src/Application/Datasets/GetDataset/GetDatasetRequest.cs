using Mediator;

namespace DigitForge.Application.Datasets.GetDataset;

/// <summary>A stored dataset's spec, sizes and file manifest.</summary>
public sealed record GetDatasetRequest(string Id) : IRequest<DatasetInfo>;
