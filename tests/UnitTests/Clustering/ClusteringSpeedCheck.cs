using System.Diagnostics;
using System.Globalization;
using DigitForge.Domain.Clustering;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Clustering;

/// <summary>
/// Timings for bench/README.md, only when asked (<c>DIGITFORGE_CLUSTERING_BENCH=1</c>): UMAP on 15,000 × 392 (the size
/// of the reference's embeddings for 15,000 kept images) and the whole 20-trial search on <c>CLUSTERING_BENCH_ROWS</c>
/// rows (1,000 default: the reference's #syn for 7v1 is 364-969).
/// </summary>
public sealed class ClusteringSpeedCheck(ITestOutputHelper output)
{
    private static bool Asked => Environment.GetEnvironmentVariable("DIGITFORGE_CLUSTERING_BENCH") == "1";

    [SkippableFact]
    public void Umap_on_15000_by_392()
    {
        Skip.IfNot(Asked, "a timing, not a test: DIGITFORGE_CLUSTERING_BENCH=1");
        var (points, _) = ClusteringFixtures.Blobs(1500, 10, 392, 3.0, 1);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var knn = NearestNeighbors.ExactCosine(points, 392, 15);
        double knnSeconds = clock.Elapsed.TotalSeconds;
        double knnCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        float[] e2 = Umap.Embed(knn, new UmapOptions(Seed: 1));
        double twoD = clock.Elapsed.TotalSeconds;
        double twoDCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        clock.Restart();
        float[] e20 = Umap.Embed(knn, new UmapOptions(Components: 20, Seed: 1));
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"UMAP 15,000 x 392 on {Environment.ProcessorCount} cores: exact cosine kNN (k 15) {knnSeconds:0.0} s; to 2-D in all {twoD:0.0} s; to 20-D from the same graph {clock.Elapsed.TotalSeconds:0.0} s; CPU time: kNN {knnCpu:0.0} s, kNN + 2-D {twoDCpu:0.0} s, all three {cpuSeconds:0.0} s; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Assert.Equal(30_000, e2.Length);
        Assert.Equal(300_000, e20.Length);
    }

    [SkippableFact]
    public void The_20_trial_search()
    {
        Skip.IfNot(Asked, "a timing, not a test: DIGITFORGE_CLUSTERING_BENCH=1");
        int rows = int.Parse(Environment.GetEnvironmentVariable("CLUSTERING_BENCH_ROWS") ?? "1000", CultureInfo.InvariantCulture);
        var (points, _) = ClusteringFixtures.Blobs(rows / 5, 5, 392, 6.0, 2);
        var clock = Stopwatch.StartNew();
        var result = ClusteringSearch.Run(points, 392, new ClusteringSpace(), 20, 42, t => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trial {t.Index + 1}: {t.Params} silhouette {t.Silhouette:0.0000} in {t.Elapsed.TotalSeconds:0.0} s")));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search over {rows} x 392: {clock.Elapsed.TotalSeconds:0.0} s; best silhouette {result.Silhouette:0.0000}, {result.Clusters} clusters ({result.Best.Params})"));
        Assert.True(result.Clusters >= 2);
    }

    /// <summary>
    /// Where one search trial's time goes at the size of a full run's kept set (<c>CLUSTERING_BENCH_ROWS</c>, 12,000
    /// default, × 392): the kNN graph (once per search), then per setting the fuzzy set, the SGD layout, the mixture
    /// and the silhouette, each with wall and CPU seconds.
    /// </summary>
    [SkippableFact]
    public void Trial_stages_at_full_size()
    {
        Skip.IfNot(Asked, "a timing, not a test: DIGITFORGE_CLUSTERING_BENCH=1");
        int rows = int.Parse(Environment.GetEnvironmentVariable("CLUSTERING_BENCH_ROWS") ?? "12000", CultureInfo.InvariantCulture);
        var (points, _) = ClusteringFixtures.Blobs(rows / 6, 6, 392, 2.0, 4);
        var process = Process.GetCurrentProcess();
        (double Wall, double Cpu) Time(Action action)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            process.Refresh();
            return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        string F((double Wall, double Cpu) t) => string.Create(CultureInfo.InvariantCulture, $"{t.Wall:0.00} s ({t.Cpu:0.00} CPU)");
        KnnGraph knn = null!;
        var knnTime = Time(() => knn = NearestNeighbors.ExactCosine(points, 392, 25));
        output.WriteLine($"{rows:N0} x 392 on {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}: kNN (k 25) {F(knnTime)}");
        foreach (var (nn, dims, k) in new[] { (5, 5, 3), (15, 20, 8), (25, 60, 15), (5, 60, 3) })
        {
            FuzzyGraph graph = null!;
            float[] reduced = null!;
            GaussianMixtureFit fit = null!;
            double silhouette = 0;
            var fuzzy = Time(() => graph = Umap.FuzzySimplicialSet(knn.Truncate(nn)));
            var embed = Time(() => reduced = Umap.Embed(knn, new UmapOptions(nn, 0.05, dims, 42)));
            var gmm = Time(() => fit = GaussianMixture.Fit(reduced, dims, k, 2));
            var sil = Time(() => silhouette = ClusterMetrics.Silhouette(reduced, dims, fit.Labels));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"nn {nn}, {dims}-D, gmm {k}: fuzzy set {F(fuzzy)}; UMAP (fuzzy set + layout) {F(embed)}; GMM {F(gmm)} in {fit.Iterations} iterations; silhouette {F(sil)} = {silhouette:0.0000}; {graph.Weights.Length:N0} directed edges"));
        }
    }

    [SkippableFact]
    public void Hdbscan_on_15000_by_20()
    {
        Skip.IfNot(Asked, "a timing, not a test: DIGITFORGE_CLUSTERING_BENCH=1");
        int rows = int.Parse(Environment.GetEnvironmentVariable("HDBSCAN_BENCH_ROWS") ?? "15000", CultureInfo.InvariantCulture);
        var (points, _) = ClusteringFixtures.Blobs(rows / 10, 10, 20, 1.0, 3);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = Hdbscan.Fit(points, 20, new HdbscanOptions(5, 3, 0, HdbscanSelection.Leaf));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HDBSCAN (leaf, min_samples 3, min_cluster_size 5) on {rows:N0} x 20: {clock.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU; {result.Clusters} clusters, {result.Labels.Count(l => l < 0)} noise; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Assert.True(result.Clusters >= 2);
    }
}
