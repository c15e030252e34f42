using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Clustering;

/// <summary>The clusterer after UMAP: the reference's two options.</summary>
public enum ClusteringMethod
{
    /// <summary>GaussianMixture(full, k-means++, seed 2) with n_components searched.</summary>
    Gmm,

    /// <summary>HDBSCAN(leaf selection, min_samples 3) with min_cluster_size and cluster_selection_epsilon searched.</summary>
    Hdbscan,
}

/// <summary>
/// The search space of the reference's UMAP + GMM / UMAP + HDBSCAN pipelines (specs/gasten.md §4): inclusive ranges.
/// For HDBSCAN <see cref="ClustersMin"/>-<see cref="ClustersMax"/> is the min_cluster_size range (the reference's 3-10).
/// </summary>
public sealed record ClusteringSpace(
    int NeighborsMin = 5, int NeighborsMax = 25, double MinDistMin = 0.01, double MinDistMax = 0.25,
    int ComponentsMin = 5, int ComponentsMax = 60, int ClustersMin = 3, int ClustersMax = 15,
    ClusteringMethod Method = ClusteringMethod.Gmm, double EpsilonMin = 0, double EpsilonMax = 5, int MinSamples = 3)
{
    /// <summary>The reference's HDBSCAN space: min_cluster_size 3-10, cluster_selection_epsilon 0-5, min_samples 3.</summary>
    public static ClusteringSpace ForHdbscan() => new(ClustersMin: 3, ClustersMax: 10, Method: ClusteringMethod.Hdbscan);
}

/// <summary>
/// One point of the space. <see cref="Clusters"/> is the mixture's n_components (GMM) or min_cluster_size (HDBSCAN);
/// <see cref="Epsilon"/> is HDBSCAN's cluster_selection_epsilon (0 for GMM).
/// </summary>
public sealed record ClusteringParams(int Neighbors, double MinDist, int Components, int Clusters, double Epsilon = 0);

/// <summary>One trial: its parameters, the silhouette in the reduced space (NaN when the mixture collapsed to one cluster or failed) and what it found.</summary>
public sealed record ClusteringTrial(int Index, ClusteringParams Params, double Silhouette, int ClustersFound, string? Failure, TimeSpan Elapsed);

/// <summary>
/// The best trial refit: labels (−1 = HDBSCAN noise), the reduced points, and the reference's three scores (over the
/// clustered points, noise left out); <see cref="Noise"/> counts the noise points.
/// </summary>
public sealed record ClusteringResult(
    ClusteringTrial Best, IReadOnlyList<ClusteringTrial> Trials, float[] Reduced, int[] Labels, int Clusters,
    double Silhouette, double CalinskiHarabasz, double DaviesBouldin, int[] Sizes, int Noise = 0);

/// <summary>
/// The reference's BayesSearchCV over UMAP(metric cosine) → GaussianMixture(full, k-means++, seed 2), maximising the
/// silhouette of the mixture's labels in UMAP's space, with two documented changes: (1) a Tree-structured Parzen
/// Estimator (Bergstra et al. 2011) replaces scikit-optimize's GP: after <see cref="StartupTrials"/> seeded uniform
/// draws, each trial takes, of 24 candidates drawn around the best quarter of the trials so far, the one with the highest
/// l(x)/g(x) (Gaussian Parzen windows, independent per parameter, bandwidth a fifth of the range, plus a uniform prior);
/// (2) no 5-fold refits: each trial fits once on all embeddings (the reference's CV on an unsupervised pipeline is its
/// known slow step and scores held-out folds by refitting anyway). The cosine kNN graph is computed once at the largest
/// n_neighbors and truncated per trial; the start-up trials run side by side; the best trial's fit is kept, not refit.
/// Everything is seeded: the same inputs and seed give the same trials, on any number of cores.
/// </summary>
public static class ClusteringSearch
{
    public const int StartupTrials = 5;
    public const int Candidates = 24;
    public const ulong MixtureSeed = 2;

    public static ClusteringResult Run(
        ReadOnlySpan<float> embeddings, int dimensions, ClusteringSpace space, int trials, ulong seed, Action<ClusteringTrial>? onTrial = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        int n = embeddings.Length / dimensions;
        if (n <= (space.Method == ClusteringMethod.Gmm ? space.ClustersMax : 2 * space.ClustersMin))
        {
            throw new ArgumentException($"{n} points are too few for up to {space.ClustersMax} clusters.", nameof(embeddings));
        }

        var knn = NearestNeighbors.ExactCosine(embeddings, dimensions, Math.Min(space.NeighborsMax, n));
        var random = KeyedRandom.For(seed, 0x7470_6573_6561_7263); // "tpsearch"
        var done = new List<ClusteringTrial>();
        ClusteringTrial? best = null;
        float[] reduced = [];
        int[] labels = [];
        // The start-up trials are independent draws (a trial uses no random stream but its own seed), so they run
        // side by side: UMAP's SGD layout, most of a trial's time, is single-threaded for determinism. Their params are
        // drawn in order first and their results taken in order, so trials and choice are those of a sequential run.
        int startup = Math.Min(StartupTrials, trials);
        var startupParams = Enumerable.Range(0, startup).Select(_ => Uniform(space, random)).ToArray();
        var startupResults = new (double Silhouette, int Found, float[] Reduced, int[] Labels, string? Failure, TimeSpan Elapsed)[startup];
        Parallel.For(0, startup, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, t =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (silhouette, found) = Evaluate(knn, startupParams[t], space, seed, out float[] r, out int[] l, out string? failure);
            startupResults[t] = (silhouette, found, r, l, failure, clock.Elapsed);
        });
        for (int t = 0; t < trials; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ClusteringParams p;
            double silhouette;
            int found;
            float[] trialReduced;
            int[] trialLabels;
            string? failure;
            TimeSpan elapsed;
            if (t < startup)
            {
                p = startupParams[t];
                (silhouette, found, trialReduced, trialLabels, failure, elapsed) = startupResults[t];
                startupResults[t] = default;
            }
            else
            {
                p = done.Count(d => !double.IsNaN(d.Silhouette)) < 2 ? Uniform(space, random) : Propose(space, done, random);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                (silhouette, found) = Evaluate(knn, p, space, seed, out trialReduced, out trialLabels, out failure);
                elapsed = clock.Elapsed;
            }

            var trial = new ClusteringTrial(t, p, silhouette, found, failure, elapsed);
            done.Add(trial);
            // The best so far is kept (the first of equal silhouettes), so it needs no refit: a trial is deterministic.
            if (!double.IsNaN(silhouette) && (best is null || silhouette > best.Silhouette))
            {
                (best, reduced, labels) = (trial, trialReduced, trialLabels);
            }

            onTrial?.Invoke(trial);
        }

        if (best is null)
        {
            throw new InvalidOperationException("Every clustering trial failed: " + done[^1].Failure);
        }

        int dims = best.Params.Components;
        var (points, clustered) = Clustered(reduced, dims, labels);
        return new ClusteringResult(best, done, reduced, labels, labels.Max() + 1,
            ClusterMetrics.Silhouette(points, dims, clustered), ClusterMetrics.CalinskiHarabasz(points, dims, clustered),
            ClusterMetrics.DaviesBouldin(points, dims, clustered), ClusterMetrics.Sizes(clustered), labels.Count(l => l < 0));
    }

    /// <summary>The points with a cluster (label ≥ 0) and their labels: the scores leave HDBSCAN's noise out.</summary>
    public static (float[] Points, int[] Labels) Clustered(float[] points, int dimensions, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.All(l => l >= 0))
        {
            return (points, labels);
        }

        int[] keep = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] >= 0)];
        float[] subset = new float[keep.Length * dimensions];
        for (int i = 0; i < keep.Length; i++)
        {
            Array.Copy(points, keep[i] * dimensions, subset, i * dimensions, dimensions);
        }

        return (subset, [.. keep.Select(i => labels[i])]);
    }

    /// <summary>
    /// UMAP then the clusterer for one point; labels renumbered 0 … found − 1 in order of first appearance (−1, HDBSCAN's
    /// noise, stays). The silhouette is over the clustered points; HDBSCAN needs 2 clusters and 3 clustered points at least.
    /// </summary>
    private static (double Silhouette, int Found) Evaluate(KnnGraph knn, ClusteringParams p, ClusteringSpace space, ulong seed, out float[] reduced, out int[] labels, out string? failure)
    {
        reduced = Umap.Embed(knn, new UmapOptions(p.Neighbors, p.MinDist, p.Components, seed));
        failure = null;
        if (space.Method == ClusteringMethod.Hdbscan)
        {
            labels = Renumber(Hdbscan.Fit(reduced, p.Components, new HdbscanOptions(p.Clusters, space.MinSamples, p.Epsilon, HdbscanSelection.Leaf)).Labels);
            int clusters = labels.Max() + 1;
            var (points, clustered) = Clustered(reduced, p.Components, labels);
            if (clusters < 2 || clustered.Length <= clusters)
            {
                failure = $"HDBSCAN found {clusters} cluster(s) ({labels.Count(l => l < 0)} noise points)";
                return (double.NaN, Math.Max(0, clusters));
            }

            return (ClusterMetrics.Silhouette(points, p.Components, clustered), clusters);
        }

        try
        {
            var fit = GaussianMixture.Fit(reduced, p.Components, p.Clusters, MixtureSeed);
            labels = Renumber(fit.Labels);
        }
        catch (InvalidOperationException ex)
        {
            labels = new int[knn.Count];
            failure = ex.Message;
            return (double.NaN, 0);
        }

        int found = labels.Max() + 1;
        if (found < 2 || found > knn.Count - 1)
        {
            failure = $"the mixture used {found} cluster(s)";
            return (double.NaN, found);
        }

        return (ClusterMetrics.Silhouette(reduced, p.Components, labels), found);
    }

    private static int[] Renumber(int[] labels)
    {
        var map = new Dictionary<int, int>();
        int[] result = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0)
            {
                result[i] = -1;
                continue;
            }

            if (!map.TryGetValue(labels[i], out int v))
            {
                v = map.Count;
                map[labels[i]] = v;
            }

            result[i] = v;
        }

        return result;
    }

    private static ClusteringParams Uniform(ClusteringSpace s, KeyedRandom r)
    {
        var p = new ClusteringParams(
            r.NextIntInclusive(s.NeighborsMin, s.NeighborsMax),
            s.MinDistMin + (r.NextDouble() * (s.MinDistMax - s.MinDistMin)),
            r.NextIntInclusive(s.ComponentsMin, s.ComponentsMax),
            r.NextIntInclusive(s.ClustersMin, s.ClustersMax));
        // Drawn only for HDBSCAN, so the GMM search's stream (and trials) are as before.
        return s.Method == ClusteringMethod.Hdbscan ? p with { Epsilon = s.EpsilonMin + (r.NextDouble() * (s.EpsilonMax - s.EpsilonMin)) } : p;
    }

    private static ClusteringParams Propose(ClusteringSpace s, List<ClusteringTrial> done, KeyedRandom r)
    {
        var scored = done.Where(d => !double.IsNaN(d.Silhouette)).OrderByDescending(d => d.Silhouette).ThenBy(d => d.Index).ToList();
        int goodCount = Math.Max(1, (int)Math.Ceiling(scored.Count * 0.25));
        var good = scored.Take(goodCount).Select(d => Vector(s, d.Params)).ToList();
        var bad = scored.Skip(goodCount).Select(d => Vector(s, d.Params)).ToList();
        double[]? bestCandidate = null;
        double bestRatio = double.NegativeInfinity;
        const double bandwidth = 0.2;
        for (int c = 0; c < Candidates; c++)
        {
            double[] centre = good[r.NextInt(good.Count)];
            double[] x = new double[centre.Length];
            for (int j = 0; j < x.Length; j++)
            {
                x[j] = Math.Clamp(centre[j] + (bandwidth * r.NextNormal()), 0, 1);
            }

            double ratio = Math.Log(Density(x, good, bandwidth)) - Math.Log(Density(x, bad, bandwidth));
            if (ratio > bestRatio)
            {
                bestRatio = ratio;
                bestCandidate = x;
            }
        }

        return FromVector(s, bestCandidate!);
    }

    // A mixture of the uniform prior (weight 1) and one Gaussian window per observation, per dimension independent.
    private static double Density(double[] x, List<double[]> observations, double bandwidth)
    {
        double total = 1;
        for (int j = 0; j < x.Length; j++)
        {
            double sum = 1;
            foreach (var o in observations)
            {
                double z = (x[j] - o[j]) / bandwidth;
                sum += Math.Exp(-0.5 * z * z) / (bandwidth * Math.Sqrt(2 * Math.PI));
            }

            total *= sum / (observations.Count + 1);
        }

        return total;
    }

    private static double[] Vector(ClusteringSpace s, ClusteringParams p)
    {
        double[] v =
        [
            Unit(p.Neighbors, s.NeighborsMin, s.NeighborsMax), Unit(p.MinDist, s.MinDistMin, s.MinDistMax),
            Unit(p.Components, s.ComponentsMin, s.ComponentsMax), Unit(p.Clusters, s.ClustersMin, s.ClustersMax),
        ];
        return s.Method == ClusteringMethod.Hdbscan ? [.. v, Unit(p.Epsilon, s.EpsilonMin, s.EpsilonMax)] : v;
    }

    private static ClusteringParams FromVector(ClusteringSpace s, double[] x) => new(
        (int)Math.Round(s.NeighborsMin + (x[0] * (s.NeighborsMax - s.NeighborsMin))),
        s.MinDistMin + (x[1] * (s.MinDistMax - s.MinDistMin)),
        (int)Math.Round(s.ComponentsMin + (x[2] * (s.ComponentsMax - s.ComponentsMin))),
        (int)Math.Round(s.ClustersMin + (x[3] * (s.ClustersMax - s.ClustersMin))),
        x.Length > 4 ? s.EpsilonMin + (x[4] * (s.EpsilonMax - s.EpsilonMin)) : 0);

    private static double Unit(double v, double min, double max) => max > min ? (v - min) / (max - min) : 0;
}
