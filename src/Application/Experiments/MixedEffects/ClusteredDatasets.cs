using DigitForge.Application.Common;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>
/// A dataset spec with a per-row <c>cluster</c> array (spirals, morpho-clusters, or any generator that has one) as
/// <see cref="ClusteredData"/>: the train split's <c>x</c> (float32; uint8 images scaled to 0..1), its class labels and
/// its cluster ids. Leave-one-cluster-out makes its own splits, so only the train split is read.
/// </summary>
public sealed class ClusteredDatasets(DatasetSpecResolver resolver, DatasetInstances instances)
{
    public const string ClusterArray = "cluster";
    private const string FeatureArray = "x";

    /// <summary>Resolves and checks the spec without generating it; errors name <paramref name="field"/>.</summary>
    public static ResolvedDataset Check(DatasetSpecResolver resolver, string specJson, string field)
    {
        var resolved = ExperimentDatasets.Check(resolver, specJson, field, requireTest: false);
        int cluster = resolved.Layout.IndexOf(ClusterArray);
        if (cluster < 0 || resolved.Layout.Arrays[cluster].RowShape.Count != 0 || resolved.Layout.Arrays[cluster].ElementType != ElementType.Int64)
        {
            throw new RequestValidationException(field,
                $"'{resolved.Generator.Name}' has no per-row '{ClusterArray}' array (int64 cluster ids); leave-one-cluster-out needs one (e.g. spirals, morpho-clusters).");
        }

        return resolved;
    }

    /// <summary>The number of clusters the spec's parameters declare, when it declares one (spirals, morpho-clusters).</summary>
    public static int? DeclaredClusters(ResolvedDataset resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return resolved.Generator.Parameters.Any(p => p.Name == "clusters") ? resolved.Definition.Parameters.GetInt32("clusters") : null;
    }

    public async Task<(ResolvedDataset Spec, ClusteredData Data)> LoadAsync(string specJson, string field, CancellationToken cancellationToken)
    {
        var resolved = Check(resolver, specJson, field);
        var rows = await instances.OpenAsync(resolved, cancellationToken);
        var layout = resolved.Layout;
        int split = resolved.Definition.SplitIndex(DatasetSplitNames.Train);
        int count = resolved.Definition.Splits[split].Rows;
        var block = new RowBlock(layout, count);
        RowBlockFiller.Fill(rows, split, 0, count, block, cancellationToken);
        int xi = layout.IndexOf(FeatureArray);
        int width = layout.Arrays[xi].RowElements;
        float[] features = layout.Arrays[xi].ElementType switch
        {
            ElementType.Float32 => block.Column<float>(xi),
            ElementType.Float64 => Array.ConvertAll(block.Column<double>(xi), v => (float)v),
            ElementType.UInt8 => Array.ConvertAll(block.Column<byte>(xi), v => v / 255f),
            ElementType.Int64 => Array.ConvertAll(block.Column<long>(xi), v => (float)v),
            var other => throw new NotSupportedException($"Features of type {other} cannot be trained on."),
        };
        int yi = layout.LabelArrayIndex;
        long[] labels = layout.Arrays[yi].ElementType == ElementType.UInt8 ? Array.ConvertAll(block.Column<byte>(yi), v => (long)v) : block.Column<long>(yi);
        long[] clusters = block.Column<long>(layout.IndexOf(ClusterArray));

        // Rows without a cluster (morpho-clusters' unchanged reference test images) take no part.
        var keep = Enumerable.Range(0, count).Where(i => clusters[i] >= 0).ToArray();
        var x = new float[keep.Length * width];
        var y = new long[keep.Length];
        var c = new int[keep.Length];
        for (int k = 0; k < keep.Length; k++)
        {
            Array.Copy(features, (long)keep[k] * width, x, (long)k * width, width);
            y[k] = labels[keep[k]];
            c[k] = checked((int)clusters[keep[k]]);
        }

        int classes = (int)Math.Max(2, y.DefaultIfEmpty().Max() + 1);
        int clusterCount = c.DefaultIfEmpty(-1).Max() + 1;
        return (resolved, new ClusteredData(x, y, c, width, layout.Arrays[xi].RowShape, classes, clusterCount, Effects(layout, block, keep, c, clusterCount)));
    }

    // Per-row float64 arrays of at most 8 values that hold one value per cluster are that cluster's effects.
    private static readonly Dictionary<string, string[]> EffectNames = new(StringComparer.Ordinal)
    {
        ["cluster_params"] = ["thickness", "swelling", "fractures", "blur", "noise"],
    };

    private static string[] Effects(DatasetLayout layout, RowBlock block, int[] keep, int[] cluster, int clusters)
    {
        var texts = Enumerable.Repeat(string.Empty, clusters).ToArray();
        var first = new int[clusters];
        Array.Fill(first, -1);
        for (int k = 0; k < keep.Length; k++)
        {
            if (first[cluster[k]] < 0)
            {
                first[cluster[k]] = keep[k];
            }
        }

        for (int a = 0; a < layout.Arrays.Count; a++)
        {
            var array = layout.Arrays[a];
            if (array.ElementType != ElementType.Float64 || array.RowElements > 8 || array.Name is FeatureArray or ClusterArray || a == layout.LabelArrayIndex)
            {
                continue;
            }

            double[] values = block.Column<double>(a);
            int width = array.RowElements;
            if (keep.All(k => Enumerable.Range(0, width).All(j => double.IsNaN(values[(k * width) + j]))))
            {
                continue; // e.g. morpho-clusters' per-image measurements when not measured: nothing to show
            }

            bool constant = Enumerable.Range(0, keep.Length).All(k =>
                Enumerable.Range(0, width).All(j => values[(keep[k] * width) + j].Equals(values[(first[cluster[k]] * width) + j])));
            if (!constant)
            {
                continue;
            }

            string[] names = EffectNames.TryGetValue(array.Name, out var known) && known.Length == width
                ? known
                : [.. Enumerable.Range(0, width).Select(j => width == 1 ? array.Name : $"{array.Name}[{j}]")];
            for (int c = 0; c < clusters; c++)
            {
                if (first[c] < 0)
                {
                    continue;
                }

                string text = string.Join(", ", Enumerable.Range(0, width).Select(j =>
                    $"{names[j]} {values[(first[c] * width) + j].ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}"));
                texts[c] = texts[c].Length == 0 ? text : $"{texts[c]}; {text}";
            }
        }

        return texts;
    }
}
