namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>
/// Rows of a clustered dataset: float32 features [rows, <see cref="Features"/>] (flattened), class labels and the
/// cluster id of each row (0..<see cref="Clusters"/>-1). Rows without a cluster (id &lt; 0) are left out when loading.
/// </summary>
/// <param name="Effects">Per cluster, its random effects as text where the dataset has them per row (spirals' radius,
/// morpho-clusters' thickness, swelling, fractures, blur and noise); empty strings otherwise.</param>
public sealed record ClusteredData(float[] X, long[] Y, int[] Cluster, int Features, IReadOnlyList<int> InputShape, int Classes, int Clusters,
    IReadOnlyList<string> Effects)
{
    public int Rows => Y.Length;
}
