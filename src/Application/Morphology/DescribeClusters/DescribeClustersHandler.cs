using DigitForge.Application.Datasets;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Morphology.Clusters;
using Mediator;

namespace DigitForge.Application.Morphology.DescribeClusters;

/// <summary>A clustered dataset's cluster table and the cluster of each row of a page (for gallery captions).</summary>
public sealed record ClusterSummary(IReadOnlyList<ClusterParameters> Clusters, IReadOnlyList<long> RowClusters);

/// <summary>
/// The clusters of a <c>morpho-clusters</c> dataset; null for other generators. Row clusters come from the cluster
/// array alone, which the generator produces without any image work.
/// </summary>
public sealed class DescribeClustersHandler(DatasetCatalog catalog, DatasetInstances instances) : IRequestHandler<DescribeClustersRequest, ClusterSummary?>
{
    public async ValueTask<ClusterSummary?> Handle(DescribeClustersRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, request.Split, request.Offset, request.Count, cancellationToken);
    }

    public async Task<ClusterSummary?> HandleAsync(string id, string split, int offset, int count, CancellationToken cancellationToken = default)
    {
        var dataset = await catalog.GetAsync(id, cancellationToken);
        if (dataset.Generator is not MorphoClustersDatasetGenerator)
        {
            return null;
        }

        var table = MorphoClustersDatasetGenerator.ClusterTable(dataset.Definition);
        int splitIndex = dataset.RequireSplit(split);
        int total = dataset.Definition.Splits[splitIndex].Rows;
        offset = Math.Clamp(offset, 0, total);
        count = Math.Clamp(count, 0, total - offset);
        if (count == 0)
        {
            return new ClusterSummary(table, []);
        }

        int array = dataset.Layout.IndexOf("cluster");
        var rows = await instances.OpenAsync(dataset, cancellationToken);
        var block = new RowBlock(dataset.Layout, count, onlyArray: array);
        RowBlockFiller.Fill(rows, splitIndex, offset, count, block, cancellationToken);
        return new ClusterSummary(table, block.Column<long>(array));
    }
}
