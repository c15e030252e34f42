using Mediator;

namespace DigitForge.Application.Morphology.DescribeClusters;

/// <summary>
/// The cluster table of dataset <paramref name="Id"/> and the clusters of rows [<paramref name="Offset"/>,
/// <paramref name="Offset"/> + <paramref name="Count"/>) of <paramref name="Split"/>; null when the dataset is not a
/// clustered one.
/// </summary>
public sealed record DescribeClustersRequest(string Id, string Split, int Offset, int Count) : IRequest<ClusterSummary?>;
