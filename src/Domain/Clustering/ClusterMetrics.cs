namespace DigitForge.Domain.Clustering;

/// <summary>
/// Internal clustering scores with scikit-learn's definitions (sklearn.metrics, Euclidean distance): the mean
/// silhouette, the Calinski-Harabasz variance ratio and the Davies-Bouldin index. Points are rows of a row-major
/// [count, dimensions] array; every label is a cluster (there is no noise label here).
/// </summary>
public static class ClusterMetrics
{
    /// <summary>
    /// Mean silhouette s(i) = (b − a) / max(a, b) over all points; a point alone in its cluster scores 0 (as
    /// sklearn). Needs 2 ≤ clusters ≤ count − 1. O(count² · dimensions), rows in parallel.
    /// </summary>
    public static double Silhouette(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> labels)
    {
        var (count, clusters, sizes) = Check(points, dimensions, labels);
        if (clusters < 2 || clusters > count - 1)
        {
            throw new ArgumentException($"The silhouette needs 2 to {count - 1} clusters, not {clusters}.", nameof(labels));
        }

        float[] x = points.ToArray();
        int[] y = labels.ToArray();
        double[] scores = new double[count];
        Parallel.For(0, count, () => new double[clusters], (i, _, sums) =>
        {
            Array.Clear(sums);
            var row = x.AsSpan(i * dimensions, dimensions);
            for (int j = 0; j < count; j++)
            {
                if (j != i)
                {
                    sums[y[j]] += Math.Sqrt(Distances.SquaredEuclidean(row, x.AsSpan(j * dimensions, dimensions)));
                }
            }

            int own = y[i];
            if (sizes[own] <= 1)
            {
                scores[i] = 0;
                return sums;
            }

            double a = sums[own] / (sizes[own] - 1);
            double b = double.PositiveInfinity;
            for (int c = 0; c < clusters; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sums[c] / sizes[c]);
                }
            }

            scores[i] = (b - a) / Math.Max(a, b);
            return sums;
        }, _ => { });
        double total = 0;
        foreach (double s in scores)
        {
            total += double.IsNaN(s) ? 0 : s;
        }

        return total / count;
    }

    /// <summary>Calinski-Harabasz: [tr(B) / (k − 1)] / [tr(W) / (n − k)]; 1 when the within-cluster dispersion is 0 (as sklearn).</summary>
    public static double CalinskiHarabasz(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> labels)
    {
        var (count, clusters, sizes) = Check(points, dimensions, labels);
        if (clusters < 2 || clusters > count - 1)
        {
            throw new ArgumentException($"Calinski-Harabasz needs 2 to {count - 1} clusters, not {clusters}.", nameof(labels));
        }

        double[] centroids = Centroids(points, dimensions, labels, clusters, sizes);
        double[] mean = new double[dimensions];
        for (int i = 0; i < count; i++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                mean[d] += points[(i * dimensions) + d];
            }
        }

        for (int d = 0; d < dimensions; d++)
        {
            mean[d] /= count;
        }

        double between = 0;
        double within = 0;
        for (int c = 0; c < clusters; c++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                double diff = centroids[(c * dimensions) + d] - mean[d];
                between += sizes[c] * diff * diff;
            }
        }

        for (int i = 0; i < count; i++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                double diff = points[(i * dimensions) + d] - centroids[(labels[i] * dimensions) + d];
                within += diff * diff;
            }
        }

        return within == 0 ? 1.0 : between * (count - clusters) / (within * (clusters - 1.0));
    }

    /// <summary>Davies-Bouldin: mean over clusters of max over others of (s_i + s_j) / |c_i − c_j|, s = mean distance to the centroid.</summary>
    public static double DaviesBouldin(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> labels)
    {
        var (count, clusters, sizes) = Check(points, dimensions, labels);
        if (clusters < 2 || clusters > count - 1)
        {
            throw new ArgumentException($"Davies-Bouldin needs 2 to {count - 1} clusters, not {clusters}.", nameof(labels));
        }

        double[] centroids = Centroids(points, dimensions, labels, clusters, sizes);
        double[] spread = new double[clusters];
        for (int i = 0; i < count; i++)
        {
            double s = 0;
            for (int d = 0; d < dimensions; d++)
            {
                double diff = points[(i * dimensions) + d] - centroids[(labels[i] * dimensions) + d];
                s += diff * diff;
            }

            spread[labels[i]] += Math.Sqrt(s);
        }

        for (int c = 0; c < clusters; c++)
        {
            spread[c] = sizes[c] > 0 ? spread[c] / sizes[c] : 0;
        }

        double total = 0;
        for (int c = 0; c < clusters; c++)
        {
            double worst = 0;
            for (int o = 0; o < clusters; o++)
            {
                if (o == c)
                {
                    continue;
                }

                double s = 0;
                for (int d = 0; d < dimensions; d++)
                {
                    double diff = centroids[(c * dimensions) + d] - centroids[(o * dimensions) + d];
                    s += diff * diff;
                }

                double separation = Math.Sqrt(s);
                // sklearn: a zero centroid distance gives an infinite ratio, which it maps to 0.
                double ratio = separation == 0 ? 0 : (spread[c] + spread[o]) / separation;
                worst = Math.Max(worst, ratio);
            }

            total += worst;
        }

        return total / clusters;
    }

    /// <summary>
    /// The medoid of each cluster: the index of the member that minimises the sum of Euclidean distances to the
    /// cluster's members (the reference's prototype). −1 for an empty cluster.
    /// </summary>
    public static int[] Medoids(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> labels, int clusters)
    {
        int count = labels.Length;
        var members = new List<int>[clusters];
        for (int c = 0; c < clusters; c++)
        {
            members[c] = [];
        }

        for (int i = 0; i < count; i++)
        {
            members[labels[i]].Add(i);
        }

        float[] x = points.ToArray();
        int[] medoids = new int[clusters];
        Parallel.For(0, clusters, c =>
        {
            double best = double.PositiveInfinity;
            medoids[c] = -1;
            foreach (int i in members[c])
            {
                double sum = 0;
                foreach (int j in members[c])
                {
                    sum += Math.Sqrt(Distances.SquaredEuclidean(x.AsSpan(i * dimensions, dimensions), x.AsSpan(j * dimensions, dimensions)));
                }

                if (sum < best)
                {
                    best = sum;
                    medoids[c] = i;
                }
            }
        });
        return medoids;
    }

    /// <summary>Members per cluster label 0 … max.</summary>
    public static int[] Sizes(ReadOnlySpan<int> labels)
    {
        int clusters = 0;
        foreach (int l in labels)
        {
            clusters = Math.Max(clusters, l + 1);
        }

        int[] sizes = new int[clusters];
        foreach (int l in labels)
        {
            sizes[l]++;
        }

        return sizes;
    }

    private static double[] Centroids(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> labels, int clusters, int[] sizes)
    {
        double[] centroids = new double[clusters * dimensions];
        for (int i = 0; i < labels.Length; i++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                centroids[(labels[i] * dimensions) + d] += points[(i * dimensions) + d];
            }
        }

        for (int c = 0; c < clusters; c++)
        {
            for (int d = 0; d < dimensions && sizes[c] > 0; d++)
            {
                centroids[(c * dimensions) + d] /= sizes[c];
            }
        }

        return centroids;
    }

    private static (int Count, int Clusters, int[] Sizes) Check(ReadOnlySpan<float> points, int dimensions, ReadOnlySpan<int> labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        int count = labels.Length;
        if (points.Length != count * dimensions)
        {
            throw new ArgumentException($"{points.Length} values are not {count} rows of {dimensions}.", nameof(points));
        }

        foreach (int l in labels)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(l, nameof(labels));
        }

        int[] sizes = Sizes(labels);
        // Labels need not be consecutive: count only the clusters that have members (sklearn relabels them).
        int clusters = sizes.Count(s => s > 0);
        if (clusters != sizes.Length)
        {
            throw new ArgumentException("Cluster labels must be 0 … k − 1 with every cluster non-empty.", nameof(labels));
        }

        return (count, clusters, sizes);
    }
}
