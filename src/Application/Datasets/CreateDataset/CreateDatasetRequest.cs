using System.Text.Json;
using Mediator;

namespace DigitForge.Application.Datasets.CreateDataset;

/// <summary>Store a dataset spec (JSON: generator, parameters, seed, splits) and answer its id and metadata.</summary>
public sealed record CreateDatasetRequest(JsonElement Spec) : IRequest<DatasetInfo>;
