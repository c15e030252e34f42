using DigitForge.Application.Datasets.DownloadDataset;
using Mediator;

namespace DigitForge.Application.Datasets.GetDataset;

/// <summary>The spec, sizes and file manifest of a stored dataset; 404 when the id is unknown.</summary>
public sealed class GetDatasetHandler(DatasetCatalog catalog, IDatasetBundleFactory bundles) : IRequestHandler<GetDatasetRequest, DatasetInfo>
{
    public async ValueTask<DatasetInfo> Handle(GetDatasetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, cancellationToken);
    }


    public async Task<DatasetInfo> HandleAsync(string id, CancellationToken cancellationToken = default)
    {
        var dataset = await catalog.GetAsync(id, cancellationToken);
        return DatasetInfo.From(dataset, bundles.Describe(dataset));
    }
}
