using Mediator;

namespace DigitForge.Application.Datasets.DeleteDataset;

/// <summary>Deletes the stored dataset spec <paramref name="Id"/>.</summary>
public sealed record DeleteDatasetRequest(string Id) : IRequest;
