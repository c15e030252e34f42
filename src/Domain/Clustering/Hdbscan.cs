namespace DigitForge.Domain.Clustering;

/// <summary>How the flat clusters are chosen from the condensed tree.</summary>
public enum HdbscanSelection
{
    /// <summary>Excess of mass: the set of non-nested clusters of largest total stability (hdbscan's default).</summary>
    ExcessOfMass,

    /// <summary>The leaves of the condensed tree (the reference's choice: fine-grained, homogeneous clusters).</summary>
    Leaf,
}

/// <summary>
/// HDBSCAN's parameters with hdbscan's / scikit-learn's meanings. <see cref="MinSamples"/> counts the point itself (its
/// core distance is the distance to its (MinSamples − 1)-th other nearest point); null = <see cref="MinClusterSize"/>.
/// </summary>
public sealed record HdbscanOptions(
    int MinClusterSize = 5, int? MinSamples = null, double ClusterSelectionEpsilon = 0, HdbscanSelection Selection = HdbscanSelection.ExcessOfMass);

/// <summary>Labels (−1 = noise, clusters 0 … k − 1 in the condensed tree's order) and the number of clusters.</summary>
public sealed record HdbscanResult(int[] Labels, int Clusters);

/// <summary>
/// HDBSCAN* (Campello, Moulavi &amp; Sander 2013; McInnes, Healy &amp; Astels' hdbscan, the algorithm scikit-learn 1.3
/// ships) on Euclidean points, allow_single_cluster off: (1) core distances to the MinSamples-th nearest point (itself
/// included); (2) the minimum spanning tree of the mutual-reachability distance max(core(a), core(b), d(a, b)) (Prim,
/// O(n²) in time, O(n) in memory); (3) single linkage by Kruskal's order; (4) the condensed tree: walking down from the
/// root with λ = 1 / distance, a split where both sides hold ≥ MinClusterSize points makes two new clusters, a smaller
/// side's points fall out of the cluster at that λ; (5) stability of a cluster = Σ over its points and child clusters of
/// (λ at which they leave − λ at which the cluster was born) · size; (6) selection by excess of mass (a cluster is kept
/// when its stability exceeds the sum of its selected descendants', the root never) or the tree's leaves, then, with
/// ε &gt; 0, each selected cluster born below distance ε replaced by its nearest ancestor born above ε (not the root);
/// (7) a point takes the label of the selected cluster it belongs to (it fell out of it or of a cluster below it), else
/// −1. Deterministic: ties are broken by point order.
/// </summary>
public static class Hdbscan
{
    public static HdbscanResult Fit(ReadOnlySpan<float> points, int dimensions, HdbscanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinClusterSize, 2, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ClusterSelectionEpsilon, nameof(options));
        int n = points.Length / dimensions;
        if (points.Length != n * dimensions)
        {
            throw new ArgumentException($"{points.Length} values are not rows of {dimensions}.", nameof(points));
        }

        int minSamples = options.MinSamples ?? options.MinClusterSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(minSamples, 1, nameof(options));
        if (n < 2)
        {
            return new HdbscanResult([.. Enumerable.Repeat(-1, n)], 0);
        }

        float[] x = points.ToArray();
        double[] core = CoreDistances(x, n, dimensions, Math.Min(minSamples, n));
        var (from, to, weight) = MinimumSpanningTree(x, n, dimensions, core);
        var (left, right, distance, size) = SingleLinkage(n, from, to, weight);
        var tree = Condense(n, left, right, distance, size, options.MinClusterSize);
        return Extract(n, tree, options);
    }

    /// <summary>Distance to the k-th nearest point, the point itself counting as the first (k = 1: 0).</summary>
    public static double[] CoreDistances(float[] x, int n, int dimensions, int k)
    {
        ArgumentNullException.ThrowIfNull(x);
        double[] core = new double[n];
        Parallel.For(0, n, i =>
        {
            // The k smallest squared distances, kept sorted ascending (k is small: min_samples).
            double[] best = new double[k];
            Array.Fill(best, double.PositiveInfinity);
            var row = x.AsSpan(i * dimensions, dimensions);
            for (int j = 0; j < n; j++)
            {
                double d = j == i ? 0 : Distances.SquaredEuclidean(row, x.AsSpan(j * dimensions, dimensions));
                if (d >= best[k - 1])
                {
                    continue;
                }

                int p = k - 1;
                while (p > 0 && best[p - 1] > d)
                {
                    best[p] = best[p - 1];
                    p--;
                }

                best[p] = d;
            }

            core[i] = Math.Sqrt(best[k - 1]);
        });
        return core;
    }

    /// <summary>Prim's algorithm on the complete mutual-reachability graph; edge e joins from[e] and to[e].</summary>
    private static (int[] From, int[] To, double[] Weight) MinimumSpanningTree(float[] x, int n, int dimensions, double[] core)
    {
        bool[] inTree = new bool[n];
        double[] bestWeight = new double[n];
        int[] bestFrom = new int[n];
        Array.Fill(bestWeight, double.PositiveInfinity);
        int[] from = new int[n - 1];
        int[] to = new int[n - 1];
        double[] weight = new double[n - 1];
        int current = 0;
        inTree[0] = true;
        int chunk = Math.Max(256, n / (4 * Environment.ProcessorCount));
        for (int e = 0; e < n - 1; e++)
        {
            int c = current;
            var row = x.AsSpan(c * dimensions, dimensions).ToArray();
            double coreC = core[c];
            Parallel.For(0, (n + chunk - 1) / chunk, part =>
            {
                int end = Math.Min(n, (part + 1) * chunk);
                for (int j = part * chunk; j < end; j++)
                {
                    if (inTree[j])
                    {
                        continue;
                    }

                    double d = Math.Max(Math.Sqrt(Distances.SquaredEuclidean(row, x.AsSpan(j * dimensions, dimensions))), Math.Max(coreC, core[j]));
                    if (d < bestWeight[j])
                    {
                        bestWeight[j] = d;
                        bestFrom[j] = c;
                    }
                }
            });

            int next = -1;
            double nextWeight = double.PositiveInfinity;
            for (int j = 0; j < n; j++)
            {
                if (!inTree[j] && (next < 0 || bestWeight[j] < nextWeight))
                {
                    next = j;
                    nextWeight = bestWeight[j];
                }
            }

            from[e] = bestFrom[next];
            to[e] = next;
            weight[e] = nextWeight;
            inTree[next] = true;
            current = next;
        }

        return (from, to, weight);
    }

    /// <summary>
    /// Single linkage from the tree's edges in ascending weight (scipy's linkage layout): merge i makes node n + i of
    /// children left[i], right[i] (points are 0 … n − 1) at distance[i], holding size[i] points.
    /// </summary>
    private static (int[] Left, int[] Right, double[] Distance, int[] Size) SingleLinkage(int n, int[] from, int[] to, double[] weight)
    {
        int[] order = [.. Enumerable.Range(0, n - 1).OrderBy(e => weight[e]).ThenBy(e => e)];
        int[] parent = new int[(2 * n) - 1];
        int[] sizeOf = new int[(2 * n) - 1];
        for (int i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
            sizeOf[i] = i < n ? 1 : 0;
        }

        int Find(int v)
        {
            while (parent[v] != v)
            {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }

            return v;
        }

        int[] left = new int[n - 1], right = new int[n - 1], size = new int[n - 1];
        double[] distance = new double[n - 1];
        for (int i = 0; i < n - 1; i++)
        {
            int e = order[i];
            int a = Find(from[e]), b = Find(to[e]);
            int node = n + i;
            left[i] = a;
            right[i] = b;
            distance[i] = weight[e];
            size[i] = sizeOf[a] + sizeOf[b];
            sizeOf[node] = size[i];
            parent[a] = node;
            parent[b] = node;
        }

        return (left, right, distance, size);
    }

    /// <summary>One row of the condensed tree: <see cref="Child"/> (a point &lt; n, or a cluster ≥ n) leaves <see cref="Parent"/> at <see cref="Lambda"/>.</summary>
    private readonly record struct CondensedRow(int Parent, int Child, double Lambda, int ChildSize);

    private static List<CondensedRow> Condense(int n, int[] left, int[] right, double[] distance, int[] size, int minClusterSize)
    {
        int root = (2 * n) - 2;
        int[] relabel = new int[root + 1];
        relabel[root] = n;
        int nextLabel = n + 1;
        var rows = new List<CondensedRow>();
        int Size(int node) => node < n ? 1 : size[node - n];

        // Breadth first from the root; a subtree whose points fell out is skipped whole.
        bool[] ignore = new bool[root + 1];
        var queue = new Queue<int>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            int node = queue.Dequeue();
            if (node < n)
            {
                continue;
            }

            int l = left[node - n], r = right[node - n];
            queue.Enqueue(l);
            queue.Enqueue(r);
            if (ignore[node])
            {
                continue;
            }

            double d = distance[node - n];
            double lambda = d > 0 ? 1.0 / d : double.PositiveInfinity;
            int ls = Size(l), rs = Size(r);
            int label = relabel[node];
            if (ls >= minClusterSize && rs >= minClusterSize)
            {
                relabel[l] = nextLabel++;
                rows.Add(new CondensedRow(label, relabel[l], lambda, ls));
                relabel[r] = nextLabel++;
                rows.Add(new CondensedRow(label, relabel[r], lambda, rs));
            }
            else
            {
                foreach (var (child, childSize) in new[] { (l, ls), (r, rs) })
                {
                    if (childSize >= minClusterSize)
                    {
                        relabel[child] = label;   // the cluster goes on under its own name
                        continue;
                    }

                    foreach (int point in Leaves(child, n, left, right))
                    {
                        rows.Add(new CondensedRow(label, point, lambda, 1));
                    }

                    MarkIgnored(child, n, left, right, ignore);
                }
            }
        }

        return rows;
    }

    private static IEnumerable<int> Leaves(int node, int n, int[] left, int[] right)
    {
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            if (v < n)
            {
                yield return v;
                continue;
            }

            stack.Push(right[v - n]);
            stack.Push(left[v - n]);
        }
    }

    private static void MarkIgnored(int node, int n, int[] left, int[] right, bool[] ignore)
    {
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            int v = stack.Pop();
            ignore[v] = true;
            if (v >= n)
            {
                stack.Push(left[v - n]);
                stack.Push(right[v - n]);
            }
        }
    }

    private static HdbscanResult Extract(int n, List<CondensedRow> rows, HdbscanOptions options)
    {
        int maxCluster = rows.Count == 0 ? n : Math.Max(n, rows.Max(r => r.Child));
        int clusterCount = maxCluster - n + 1;
        double[] birth = new double[clusterCount];
        int[] parentOf = new int[clusterCount];
        parentOf[0] = -1;
        var children = new List<int>[clusterCount];
        for (int c = 0; c < clusterCount; c++)
        {
            children[c] = [];
        }

        foreach (var row in rows.Where(r => r.Child >= n))
        {
            birth[row.Child - n] = row.Lambda;
            parentOf[row.Child - n] = row.Parent;
            children[row.Parent - n].Add(row.Child);
        }

        double[] stability = new double[clusterCount];
        foreach (var row in rows)
        {
            stability[row.Parent - n] += (row.Lambda - birth[row.Parent - n]) * row.ChildSize;
        }

        bool[] selected = new bool[clusterCount];
        if (options.Selection == HdbscanSelection.ExcessOfMass)
        {
            // Children have larger labels than their parents: from the last cluster up, the root excluded.
            double[] best = (double[])stability.Clone();
            for (int c = clusterCount - 1; c >= 1; c--)
            {
                double subtree = children[c].Sum(child => best[child - n]);
                if (children[c].Count > 0 && subtree > stability[c])
                {
                    best[c] = subtree;
                }
                else
                {
                    selected[c] = true;
                    foreach (int descendant in Descendants(c + n, children, n))
                    {
                        selected[descendant - n] = false;
                    }
                }
            }
        }
        else
        {
            for (int c = 1; c < clusterCount; c++)
            {
                selected[c] = children[c].Count == 0;
            }
        }

        if (options.ClusterSelectionEpsilon > 0)
        {
            selected = EpsilonSearch(selected, birth, parentOf, children, n, options.ClusterSelectionEpsilon);
        }

        // Each cluster's selected ancestor (itself included), −1 when none: a point belongs to it.
        int[] owner = new int[clusterCount];
        for (int c = 0; c < clusterCount; c++)
        {
            owner[c] = selected[c] ? c : (c == 0 ? -1 : owner[parentOf[c] - n]);
        }

        int[] labelOf = new int[clusterCount];
        int k = 0;
        for (int c = 0; c < clusterCount; c++)
        {
            labelOf[c] = selected[c] ? k++ : -1;
        }

        int[] labels = new int[n];
        foreach (var row in rows.Where(r => r.Child < n))
        {
            int o = owner[row.Parent - n];
            labels[row.Child] = o < 0 ? -1 : labelOf[o];
        }

        return new HdbscanResult(labels, k);
    }

    private static IEnumerable<int> Descendants(int cluster, List<int>[] children, int n)
    {
        var stack = new Stack<int>(children[cluster - n]);
        while (stack.Count > 0)
        {
            int c = stack.Pop();
            yield return c;
            foreach (int child in children[c - n])
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>
    /// hdbscan's epsilon_search: a selected cluster born at a distance (1/λ) below ε is replaced by its nearest ancestor
    /// born above ε (never the root), and that ancestor's descendants are dropped.
    /// </summary>
    private static bool[] EpsilonSearch(bool[] selected, double[] birth, int[] parentOf, List<int>[] children, int n, double epsilon)
    {
        bool[] result = new bool[selected.Length];
        bool[] processed = new bool[selected.Length];
        for (int c = 1; c < selected.Length; c++)
        {
            if (!selected[c])
            {
                continue;
            }

            if (1.0 / birth[c] >= epsilon)
            {
                result[c] = true;
                continue;
            }

            if (processed[c])
            {
                continue;
            }

            int chosen = c;
            while (true)
            {
                int parent = parentOf[chosen] - n;
                if (parent == 0)
                {
                    break;  // the root is never chosen: keep the cluster itself
                }

                if (1.0 / birth[parent] > epsilon)
                {
                    chosen = parent;
                    break;
                }

                chosen = parent;
            }

            result[chosen] = true;
            foreach (int d in Descendants(chosen + n, children, n))
            {
                processed[d - n] = true;
            }
        }

        // A cluster both kept and inside a chosen ancestor's subtree: the ancestor wins.
        for (int c = 1; c < result.Length; c++)
        {
            if (result[c])
            {
                foreach (int d in Descendants(c + n, children, n))
                {
                    result[d - n] = false;
                }
            }
        }

        return result;
    }
}
