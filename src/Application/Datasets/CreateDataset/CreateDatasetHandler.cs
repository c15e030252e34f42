using System.Text.Json;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Application.Datasets.Specs;
using Mediator;

namespace DigitForge.Application.Datasets.CreateDataset;

/// <summary>
/// Validates a dataset spec, checks that its inputs can serve it (source images present and large enough), stores its
/// canonical form and returns its id and metadata. Creating the same dataset twice returns the same id.
/// </summary>
public sealed class CreateDatasetHandler(DatasetSpecResolver resolver, DatasetCatalog catalog, DatasetInstances instances, IDatasetBundleFactory bundles)
    : IRequestHandler<CreateDatasetRequest, DatasetInfo>
{
    public async ValueTask<DatasetInfo> Handle(CreateDatasetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Spec, cancellationToken);
    }


    public async Task<DatasetInfo> HandleAsync(JsonElement spec, CancellationToken cancellationToken = default)
    {
        var dataset = resolver.Resolve(spec);

        // Opening checks the inputs (and warms the cache); generators that materialise would generate everything
        // here, so they are opened on first use instead.
        if (!dataset.Generator.Materialises(dataset.Definition))
        {
            await instances.OpenAsync(dataset, cancellationToken);
        }

        await catalog.SaveAsync(dataset, cancellationToken);
        return DatasetInfo.From(dataset, bundles.Describe(dataset));
    }
}
